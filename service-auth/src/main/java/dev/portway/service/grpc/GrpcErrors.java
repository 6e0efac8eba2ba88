package dev.portway.service.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.jboss.logging.Logger;

import java.util.concurrent.RejectedExecutionException;

/** Turns failures into gRPC statuses: refusals keep their message, surprises are logged and kept vague. */
final class GrpcErrors {

    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    /** The service as messages name it, e.g. "the allocator". */
    private final String serviceName;

    GrpcErrors(String serviceName) {
        this.serviceName = serviceName;
    }

    StatusRuntimeException toStatus(Throwable failure) {
        if (failure instanceof RefusedException refusal) {
            return Status.fromCode(refusal.code())
                    .withDescription(refusal.getMessage())
                    .asRuntimeException();
        }
        if (failure instanceof StatusRuntimeException status) {
            return status;
        }
        if (failure instanceof RejectedExecutionException) {
            return Status.UNAVAILABLE.withDescription(serviceName + " is overloaded; retry with backoff")
                    .asRuntimeException();
        }
        LOG.error("request failed", failure);
        return Status.INTERNAL.withDescription(serviceName + " failed to handle the request; see its logs")
                .asRuntimeException();
    }
}
