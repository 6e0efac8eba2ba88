package dev.portway.allocator.grpc;

import dev.portway.allocator.allocation.AllocationException;
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
        if (failure instanceof AllocationException refusal) {
            return Status.fromCode(Status.Code.valueOf(refusal.failure().name()))
                    .withDescription(refusal.getMessage())
                    .asRuntimeException();
        }
        if (failure instanceof StatusRuntimeException status) {
            return status;
        }
        if (failure instanceof RejectedExecutionException) {
            return Status.UNAVAILABLE.withDescription("the allocator is overloaded; retry with backoff")
                    .asRuntimeException();
        }
        LOG.error("request failed", failure);
        return Status.INTERNAL.withDescription("the allocator failed to handle the request; see its logs")
                .asRuntimeException();
    }
}
