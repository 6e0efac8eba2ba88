package dev.portway.agent;

import dev.portway.api.v1.Error;

/**
 * The bridge refused a bind or unbind. {@link #getMessage()} is the bridge's own explanation (what
 * was wrong and what to do).
 */
public final class BindException extends PortwayException {

    private final String code;
    private final String field;

    public BindException(String code, String field, String message) {
        super(message == null || message.isBlank() ? "the bridge refused the request (" + code + ")" : message);
        this.code = code == null ? "" : code;
        this.field = field == null ? "" : field;
    }

    static BindException from(Error error) {
        return new BindException(error.getCode(), error.getField(), error.getMessage());
    }

    /** A gRPC status code name, e.g. "ALREADY_EXISTS". */
    public String code() {
        return code;
    }

    /** The request field at fault, e.g. "url"; empty if none. */
    public String field() {
        return field;
    }

    @Override
    public String toString() {
        return "BindException{" + code + (field.isEmpty() ? "" : ", field " + field) + ": " + getMessage() + "}";
    }
}
