package dev.portway.agent;

import dev.portway.api.v1.Error;
import dev.portway.api.v1.PolicyIssue;
import java.util.List;

/**
 * The bridge refused a bind or unbind. {@link #getMessage()} is the bridge's own explanation (what
 * was wrong and what to do); for an invalid traffic policy, {@link #policyErrors()} holds every
 * error with its place.
 */
public final class BindException extends PortwayException {

    private final String code;
    private final String field;
    private final List<PolicyIssue> policyErrors;

    public BindException(String code, String field, String message) {
        this(code, field, message, List.of());
    }

    public BindException(String code, String field, String message, List<PolicyIssue> policyErrors) {
        super(message == null || message.isBlank() ? "the bridge refused the request (" + code + ")" : message);
        this.code = code == null ? "" : code;
        this.field = field == null ? "" : field;
        this.policyErrors = policyErrors == null ? List.of() : List.copyOf(policyErrors);
    }

    static BindException from(Error error) {
        return new BindException(error.getCode(), error.getField(), error.getMessage(), error.getPolicyErrorsList());
    }

    /** A gRPC status code name, e.g. "ALREADY_EXISTS". */
    public String code() {
        return code;
    }

    /** The request field at fault, e.g. "url" or "traffic_policy"; empty if none. */
    public String field() {
        return field;
    }

    /**
     * For a refused traffic policy (field "traffic_policy"): every error, in document order, each with
     * its place ({@link PolicyIssue#getPath()}, and line/column within the CEL expression); empty
     * otherwise.
     */
    public List<PolicyIssue> policyErrors() {
        return policyErrors;
    }

    @Override
    public String toString() {
        return "BindException{" + code + (field.isEmpty() ? "" : ", field " + field) + ": " + getMessage() + "}";
    }
}
