package dev.portway.allocator.allocation;

/**
 * A refused request. The message is shown to the caller as is: it names the field, what was expected and
 * what to do about it.
 */
public class AllocationException extends RuntimeException {

    private final Failure failure;

    public AllocationException(Failure failure, String message) {
        super(message, null, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
