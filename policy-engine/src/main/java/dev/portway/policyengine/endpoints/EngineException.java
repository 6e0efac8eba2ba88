package dev.portway.policyengine.endpoints;

/**
 * A refused request. The message is shown to the caller as is: it names the field, what was expected and what
 * to do about it.
 */
public class EngineException extends RuntimeException {

    private final Failure failure;

    public EngineException(Failure failure, String message) {
        super(message, null, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }

    public static EngineException invalid(String message) {
        return new EngineException(Failure.INVALID_ARGUMENT, message);
    }
}
