package dev.portway.policy;

import java.util.Map;
import java.util.Objects;

/**
 * The endpoint a policy runs for: CEL's {@code endpoint.id}, {@code endpoint.url}, {@code endpoint.host},
 * {@code endpoint.port} and {@code endpoint.protocol}. Immutable; build it once per endpoint, not per connection.
 */
public final class EndpointFacts {

    private final String id;
    private final String url;
    private final String host;
    private final int port;
    private final String protocol;
    private final Map<String, Object> cel;

    public EndpointFacts(String id, String url, String host, int port, String protocol) {
        this.id = Objects.requireNonNullElse(id, "");
        this.url = Objects.requireNonNullElse(url, "");
        this.host = Objects.requireNonNullElse(host, "");
        this.port = port;
        this.protocol = Objects.requireNonNullElse(protocol, "tcp");
        this.cel = Map.of("id", this.id, "url", this.url, "host", this.host, "port", (long) port,
                "protocol", this.protocol);
    }

    /**
     * From a URL {@code tcp://host:port}.
     *
     * @throws IllegalArgumentException when the URL is not {@code tcp://host:port}
     */
    public static EndpointFacts ofUrl(String id, String url) {
        String rest = url == null ? "" : url;
        if (!rest.startsWith("tcp://")) {
            throw new IllegalArgumentException("'" + url + "' is not a tcp://host:port URL");
        }
        rest = rest.substring("tcp://".length());
        int colon = rest.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + url + "' has no port; write tcp://host:port");
        }
        int port;
        try {
            port = Integer.parseInt(rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + url + "' has no valid port; write tcp://host:port");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + url + "': port " + port + " is not a TCP port (1-65535)");
        }
        return new EndpointFacts(id, url, rest.substring(0, colon), port, "tcp");
    }

    public String id() {
        return id;
    }

    public String url() {
        return url;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String protocol() {
        return protocol;
    }

    Map<String, Object> cel() {
        return cel;
    }

    @Override
    public String toString() {
        return url.isEmpty() ? id : url;
    }
}
