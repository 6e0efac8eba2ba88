package dev.portway.allocator.allocation;

import dev.portway.service.grpc.RefusedException;
import io.grpc.Status;

/**
 * A refused request. The message is shown to the caller as is: it names the field, what was expected and
 * what to do about it; the caller gets the gRPC status named like the failure.
 */
public class AllocationException extends RefusedException {

    private final Failure failure;

    public AllocationException(Failure failure, String message) {
        super(Status.Code.valueOf(failure.name()), message);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
