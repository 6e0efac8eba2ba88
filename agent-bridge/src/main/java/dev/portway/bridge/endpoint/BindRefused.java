package dev.portway.bridge.endpoint;

import dev.portway.api.v1.Error;
import io.grpc.Status;

/** A bind or unbind the bridge refuses, with the field at fault and what to do. */
public final class BindRefused extends RuntimeException {

    private final Status.Code code;
    private final String field;

    public BindRefused(Status.Code code, String field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public static BindRefused invalid(String field, String message) {
        return new BindRefused(Status.Code.INVALID_ARGUMENT, field, message);
    }

    /** The refusal that {@code error} stands for (unwrapping async wrappers and gRPC statuses). */
    public static BindRefused from(Throwable error) {
        Throwable cause = error;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof BindRefused refused) {
            return refused;
        }
        Status status = Status.fromThrowable(cause);
        if (status.getCode() == Status.Code.UNKNOWN) {
            return new BindRefused(Status.Code.INTERNAL, "", "bind failed: " + cause);
        }
        String description = status.getDescription() == null ? status.getCode().name() : status.getDescription();
        if (status.getCode() == Status.Code.UNAVAILABLE || status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return new BindRefused(Status.Code.UNAVAILABLE, "",
                    "the address allocator did not answer (" + description + "); retry shortly");
        }
        return new BindRefused(status.getCode(), "url", description);
    }

    /** Until endpoint pooling exists, a URL has one binder. */
    public static BindRefused alreadyOnline(String url) {
        return new BindRefused(Status.Code.ALREADY_EXISTS, "url", "endpoint " + url
                + " is already online (bound by another agent session); stop that agent first, or bind another address");
    }

    public Status.Code code() {
        return code;
    }

    public Error toError() {
        return Error.newBuilder().setCode(code.name()).setField(field).setMessage(getMessage()).build();
    }
}
