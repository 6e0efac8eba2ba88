package dev.portway.agent;

/**
 * Endpoint URLs: {@code tcp://host:port} names an address the account holds, {@code tcp://} asks
 * the bridge for a new ephemeral one.
 */
public final class TcpUrl {

    public static final String SCHEME = "tcp://";
    /** Asks for an ephemeral address. */
    public static final String EPHEMERAL = SCHEME;

    private TcpUrl() {}

    /**
     * Checks that {@code url} is {@code tcp://} or {@code tcp://host:port} and returns it trimmed.
     *
     * @param field how the caller names the URL in errors, e.g. "url" or "--url"
     * @throws IllegalArgumentException naming {@code field}, what was expected and what was given
     */
    public static String validate(String url, String field) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(field + ": missing; expected tcp://host:port, or tcp:// for"
                    + " an ephemeral address");
        }
        String trimmed = url.trim();
        if (!trimmed.startsWith(SCHEME)) {
            throw new IllegalArgumentException(field + ": expected tcp://host:port, or tcp:// for an"
                    + " ephemeral address, got '" + url + "'");
        }
        String rest = trimmed.substring(SCHEME.length());
        if (rest.isEmpty()) {
            return EPHEMERAL;
        }
        if (rest.contains("/")) {
            throw new IllegalArgumentException(field + ": a TCP URL has no path; expected tcp://host:port,"
                    + " got '" + url + "'");
        }
        return SCHEME + HostPort.parse(rest, field);
    }

    public static boolean isEphemeral(String url) {
        return EPHEMERAL.equals(url);
    }

    /** {@code tcp://host:port} for an address. */
    public static String of(HostPort address) {
        return SCHEME + address;
    }
}
