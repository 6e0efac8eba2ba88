package dev.portway.bridge.endpoint;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bind URL: {@code tcp://host:port} names an address the account holds, {@code tcp://} alone
 * asks for a new ephemeral address, and {@code tcp://<name>.internal:<port>} names an internal
 * endpoint (per account, no address, no reservation). Host names are case-insensitive and kept in
 * lowercase.
 */
public record EndpointUrl(String host, int port, boolean internal) {

    private static final Pattern TCP = Pattern.compile("tcp://(?:([A-Za-z0-9.-]+):(\\d{1,5}))?/?");
    private static final Pattern NO_PORT = Pattern.compile("tcp://[A-Za-z0-9.-]+:?/?");
    /** One DNS label: lowercase letters, digits and '-', not first or last, at most 63 characters. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final String INTERNAL_SUFFIX = ".internal";
    private static final String EXPECTED = "expected tcp://host:port (an address your account reserved),"
            + " tcp:// (a new ephemeral address) or tcp://<name>.internal:<port> (an internal endpoint)";

    public static final EndpointUrl EPHEMERAL = new EndpointUrl("", 0, false);

    /** @throws BindRefused INVALID_ARGUMENT naming the field {@code url} */
    public static EndpointUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw BindRefused.invalid("url", "url is empty: " + EXPECTED);
        }
        String trimmed = url.trim();
        Matcher m = TCP.matcher(trimmed);
        if (!m.matches()) {
            if (NO_PORT.matcher(trimmed).matches()) {
                throw BindRefused.invalid("url", "url '" + url + "' has no port: " + EXPECTED);
            }
            throw BindRefused.invalid("url", "url '" + url + "' is malformed: " + EXPECTED);
        }
        if (m.group(1) == null) {
            return EPHEMERAL;
        }
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw BindRefused.invalid("url", "url '" + url + "' has port " + port + ": expected 1-65535");
        }
        String host = m.group(1).toLowerCase(Locale.ROOT);
        boolean internal = host.endsWith(INTERNAL_SUFFIX) || host.equals(INTERNAL_SUFFIX.substring(1));
        if (internal && !isInternalName(host)) {
            throw BindRefused.invalid("url", "url '" + url + "' is not a valid internal URL: expected"
                    + " tcp://<name>.internal:<port>, where <name> is one or more dot-separated labels of letters,"
                    + " digits and '-' (not first or last), e.g. tcp://db.internal:5432");
        }
        return new EndpointUrl(host, port, internal);
    }

    private static boolean isInternalName(String host) {
        if (!host.endsWith(INTERNAL_SUFFIX)) {
            return false; // "internal" alone: no name
        }
        String name = host.substring(0, host.length() - INTERNAL_SUFFIX.length());
        if (name.isEmpty()) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    public boolean isEphemeralRequest() {
        return port == 0;
    }

    public static String format(String host, int port) {
        return "tcp://" + host + ":" + port;
    }

    @Override
    public String toString() {
        return isEphemeralRequest() ? "tcp://" : format(host, port);
    }
}
