package dev.portway.service.grpc;

import io.grpc.Status;

/**
 * A refused request. The message is shown to the caller as is: it names the field, what was expected and
 * what to do about it. The caller gets the status {@link #code()}; a service's own refusals extend this.
 */
public class RefusedException extends RuntimeException {

    private final Status.Code code;

    public RefusedException(Status.Code code, String message) {
        // No stack trace: a refusal is an answer, not a fault.
        super(message, null, false, false);
        this.code = code;
    }

    public static RefusedException invalid(String message) {
        return new RefusedException(Status.Code.INVALID_ARGUMENT, message);
    }

    public Status.Code code() {
        return code;
    }
}
