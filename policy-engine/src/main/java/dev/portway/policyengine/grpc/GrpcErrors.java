package dev.portway.policyengine.grpc;

import dev.portway.policyengine.endpoints.EngineException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.jboss.logging.Logger;

import java.util.concurrent.RejectedExecutionException;

/** Turns failures into gRPC statuses: refusals keep their message, surprises are logged and kept vague. */
final class GrpcErrors {

    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    static StatusRuntimeException toStatus(Throwable failure) {
        if (failure instanceof EngineException refusal) {
            return Status.fromCode(Status.Code.valueOf(refusal.failure().name()))
                    .withDescription(refusal.getMessage())
                    .asRuntimeException();
        }
        if (failure instanceof StatusRuntimeException status) {
            return status;
        }
        if (failure instanceof RejectedExecutionException) {
            return Status.UNAVAILABLE.withDescription("the policy engine is overloaded; retry with backoff")
                    .asRuntimeException();
        }
        LOG.error("request failed", failure);
        return Status.INTERNAL.withDescription("the policy engine failed to handle the request; see its logs")
                .asRuntimeException();
    }
}
