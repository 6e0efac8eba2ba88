package dev.portway.agent;

import java.util.Map;
import java.util.Objects;

/**
 * What to bind: the public URL, and the upstream each connection to it is carried to.
 *
 * @param url {@code tcp://host:port} of an address the account holds, or {@code tcp://} for an
 *     ephemeral one
 * @param upstream where the agent dials for each connection
 * @param poolingEnabled allow other agents to bind the same URL (refused by the bridge until
 *     pooling exists)
 * @param description free-form, shown in listings
 * @param metadata free-form labels
 */
public record EndpointSpec(
        String url, HostPort upstream, boolean poolingEnabled, String description, Map<String, String> metadata) {

    public EndpointSpec {
        url = TcpUrl.validate(url, "url");
        Objects.requireNonNull(upstream, "upstream");
        description = description == null ? "" : description;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** An endpoint at {@code url} (or {@code tcp://}) carried to {@code upstream} ({@code host:port}). */
    public static EndpointSpec of(String url, String upstream) {
        return builder().url(url).upstream(upstream).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code tcp://host:port} of the upstream, as the bridge shows it. */
    public String upstreamUrl() {
        return TcpUrl.of(upstream);
    }

    public static final class Builder {
        private String url = TcpUrl.EPHEMERAL;
        private HostPort upstream;
        private boolean poolingEnabled;
        private String description = "";
        private Map<String, String> metadata = Map.of();

        private Builder() {}

        /** {@code tcp://host:port}, or {@code tcp://} (the default) for an ephemeral address. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** {@code host:port} to dial for each connection. */
        public Builder upstream(String upstream) {
            this.upstream = HostPort.parse(upstream, "upstream");
            return this;
        }

        public Builder upstream(HostPort upstream) {
            this.upstream = upstream;
            return this;
        }

        public Builder poolingEnabled(boolean poolingEnabled) {
            this.poolingEnabled = poolingEnabled;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata;
            return this;
        }

        public EndpointSpec build() {
            if (upstream == null) {
                throw new IllegalArgumentException("upstream: missing; expected host:port, e.g. localhost:5432");
            }
            return new EndpointSpec(url, upstream, poolingEnabled, description, metadata);
        }
    }
}
