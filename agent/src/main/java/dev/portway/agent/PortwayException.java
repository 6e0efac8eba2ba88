package dev.portway.agent;

/** Something the bridge refused, or the agent could not do. */
public class PortwayException extends RuntimeException {

    public PortwayException(String message) {
        super(message);
    }

    public PortwayException(String message, Throwable cause) {
        super(message, cause);
    }
}
