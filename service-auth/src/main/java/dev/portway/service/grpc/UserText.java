package dev.portway.service.grpc;

/** User input quoted in an error message. */
public final class UserText {

    /** Longest user text echoed back in a message, so a huge input does not make a huge error. */
    private static final int ECHO_LIMIT = 64;

    private UserText() {
    }

    /** The text in single quotes, cut to a sane length. */
    public static String echo(String text) {
        if (text == null) {
            return "''";
        }
        return "'" + (text.length() > ECHO_LIMIT ? text.substring(0, ECHO_LIMIT) + "..." : text) + "'";
    }
}
