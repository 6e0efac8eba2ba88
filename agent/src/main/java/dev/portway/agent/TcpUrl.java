package dev.portway.agent;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Endpoint URLs: {@code tcp://host:port} names an address the account holds, {@code tcp://} asks
 * the bridge for a new ephemeral one, and {@code tcp://<name>.internal:<port>} names an internal
 * endpoint (per account, no reservation, reachable only through forward-internal).
 */
public final class TcpUrl {

    public static final String SCHEME = "tcp://";
    /** Asks for an ephemeral address. */
    public static final String EPHEMERAL = SCHEME;
    /** The suffix of an internal endpoint's host name. */
    public static final String INTERNAL_SUFFIX = ".internal";

    private static final String EXPECTED = "expected tcp://host:port, tcp:// for an ephemeral address, or"
            + " tcp://<name>.internal:<port> for an internal endpoint";
    /** A DNS label as the bridge accepts it: lowercase letters, digits and '-', not at either end. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private TcpUrl() {}

    /**
     * Checks that {@code url} is {@code tcp://}, {@code tcp://host:port} or
     * {@code tcp://<name>.internal:<port>} and returns it trimmed.
     *
     * @param field how the caller names the URL in errors, e.g. "url" or "--url"
     * @throws IllegalArgumentException naming {@code field}, what was expected and what was given
     */
    public static String validate(String url, String field) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(field + ": missing; " + EXPECTED);
        }
        String trimmed = url.trim();
        if (!trimmed.startsWith(SCHEME)) {
            throw new IllegalArgumentException(field + ": " + EXPECTED + ", got '" + url + "'");
        }
        String rest = trimmed.substring(SCHEME.length());
        if (rest.isEmpty()) {
            return EPHEMERAL;
        }
        if (rest.contains("/")) {
            throw new IllegalArgumentException(field + ": a TCP URL has no path; " + EXPECTED + ", got '" + url
                    + "'");
        }
        HostPort address = HostPort.parse(rest, field);
        if (address.host().toLowerCase(Locale.ROOT).endsWith(INTERNAL_SUFFIX)) {
            checkInternalHost(address.host(), field, url);
        }
        return SCHEME + address;
    }

    /** Whether {@code url} (already validated) names an internal endpoint. */
    public static boolean isInternal(String url) {
        int colon = url.lastIndexOf(':');
        return url.startsWith(SCHEME) && colon > SCHEME.length()
                && url.substring(SCHEME.length(), colon).endsWith(INTERNAL_SUFFIX);
    }

    private static void checkInternalHost(String host, String field, String url) {
        String name = host.substring(0, host.length() - INTERNAL_SUFFIX.length());
        boolean valid = host.endsWith(INTERNAL_SUFFIX) && !name.isEmpty();
        if (valid) {
            for (String label : name.split("\\.", -1)) {
                valid &= LABEL.matcher(label).matches();
            }
        }
        if (!valid) {
            throw new IllegalArgumentException(field + ": '" + url + "' is not a valid internal URL; expected"
                    + " tcp://<name>.internal:<port> where <name> is one or more dot-separated labels of"
                    + " lowercase letters, digits and '-' (not first or last), e.g. tcp://db.internal:5432");
        }
    }

    public static boolean isEphemeral(String url) {
        return EPHEMERAL.equals(url);
    }

    /** {@code tcp://host:port} for an address. */
    public static String of(HostPort address) {
        return SCHEME + address;
    }
}
