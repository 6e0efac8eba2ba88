package dev.portway.bridge.endpoint;

import dev.portway.api.v1.Error;
import dev.portway.api.v1.PolicyIssue;
import io.grpc.Status;
import java.util.List;

/** A bind or unbind the bridge refuses, with the field at fault and what to do. */
public final class BindRefused extends RuntimeException {

    private final Status.Code code;
    private final String field;
    private final List<PolicyIssue> policyErrors;

    public BindRefused(Status.Code code, String field, String message) {
        this(code, field, message, List.of());
    }

    /** @param policyErrors for an invalid traffic policy: every error with its place */
    public BindRefused(Status.Code code, String field, String message, List<PolicyIssue> policyErrors) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
        this.policyErrors = List.copyOf(policyErrors);
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

    /**
     * The URL is online and pooling does not allow one more binder: some binder (this one, or one
     * already online) did not ask for pooling.
     *
     * @param binders how many endpoints are online at the URL
     * @param thisBindPools whether the refused bind asked for pooling
     * @param internal whether the URL is an internal one (names are per account)
     */
    public static BindRefused alreadyOnline(String url, int binders, boolean thisBindPools, boolean internal) {
        String where = internal ? " in your account" : "";
        String who = binders == 1 ? "1 agent" : binders + " agents";
        String why = thisBindPools
                ? "the endpoint online there was bound without pooling"
                : "this bind did not enable pooling";
        return new BindRefused(Status.Code.ALREADY_EXISTS, "url", "endpoint " + url + " is already online"
                + where + " (bound by " + who + ") and " + why + "; to share one URL, every agent must bind it"
                + " with pooling enabled (portway tcp ... --pooling-enabled), else stop the other agent or bind"
                + " another URL");
    }

    public Status.Code code() {
        return code;
    }

    public String field() {
        return field;
    }

    public List<PolicyIssue> policyErrors() {
        return policyErrors;
    }

    public Error toError() {
        return Error.newBuilder()
                .setCode(code.name())
                .setField(field)
                .setMessage(getMessage())
                .addAllPolicyErrors(policyErrors)
                .build();
    }
}
