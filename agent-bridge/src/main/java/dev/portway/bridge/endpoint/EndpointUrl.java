package dev.portway.bridge.endpoint;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bind URL: {@code tcp://host:port} names an address the account holds, {@code tcp://} alone
 * asks for a new ephemeral address.
 */
public record EndpointUrl(String host, int port) {

    private static final Pattern TCP = Pattern.compile("tcp://(?:([A-Za-z0-9.-]+):(\\d{1,5}))?/?");
    private static final String EXPECTED =
            "expected tcp://host:port (an address your account reserved) or tcp:// (a new ephemeral address)";

    public static final EndpointUrl EPHEMERAL = new EndpointUrl("", 0);

    /** @throws BindRefused INVALID_ARGUMENT naming the field {@code url} */
    public static EndpointUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw BindRefused.invalid("url", "url is empty: " + EXPECTED);
        }
        Matcher m = TCP.matcher(url.trim());
        if (!m.matches()) {
            throw BindRefused.invalid("url", "url '" + url + "' is malformed: " + EXPECTED);
        }
        if (m.group(1) == null) {
            return EPHEMERAL;
        }
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw BindRefused.invalid("url", "url '" + url + "' has port " + port + ": expected 1-65535");
        }
        return new EndpointUrl(m.group(1).toLowerCase(java.util.Locale.ROOT), port);
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
