package dev.portway.policyengine.endpoints;

import dev.portway.service.grpc.RefusedException;
import io.grpc.Status;

/**
 * A refused request. The message is shown to the caller as is: it names the field, what was expected and what
 * to do about it; the caller gets the gRPC status named like the failure.
 */
public class EngineException extends RefusedException {

    private final Failure failure;

    public EngineException(Failure failure, String message) {
        super(Status.Code.valueOf(failure.name()), message);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }

    public static EngineException invalid(String message) {
        return new EngineException(Failure.INVALID_ARGUMENT, message);
    }
}
