package dev.portway.agent;

/** The bridge refused the authtoken. Fatal: the agent stops and does not retry. */
public final class AuthtokenRefusedException extends PortwayException {

    public AuthtokenRefusedException(String message) {
        super(message);
    }
}
