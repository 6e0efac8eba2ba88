package dev.portway.agent;

import java.util.Map;
import java.util.Objects;

/**
 * What to bind: the URL, the upstream each connection to it is carried to, and the traffic policy
 * that decides each connection first.
 *
 * @param url {@code tcp://host:port} of an address the account holds, {@code tcp://} for an
 *     ephemeral one, or {@code tcp://<name>.internal:<port>} for an internal endpoint
 * @param upstream where the agent dials for each connection
 * @param poolingEnabled pool with the other binders of the same URL (each connection goes to one
 *     of them at random); every binder must ask for it, else the bridge refuses the second bind
 *     with ALREADY_EXISTS
 * @param description free-form, shown in listings
 * @param metadata free-form labels
 * @param trafficPolicy the endpoint's traffic policy (YAML or JSON, ngrok's format); empty for
 *     none. The bridge validates it at bind time and refuses an invalid one
 *     ({@link BindException#policyErrors()})
 */
public record EndpointSpec(
        String url,
        HostPort upstream,
        boolean poolingEnabled,
        String description,
        Map<String, String> metadata,
        String trafficPolicy) {

    public EndpointSpec {
        url = TcpUrl.validate(url, "url");
        Objects.requireNonNull(upstream, "upstream");
        description = description == null ? "" : description;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        trafficPolicy = trafficPolicy == null ? "" : trafficPolicy;
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
        private String trafficPolicy = "";

        private Builder() {}

        /**
         * {@code tcp://host:port}, {@code tcp://} (the default) for an ephemeral address, or
         * {@code tcp://<name>.internal:<port>} for an internal endpoint.
         */
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

        /**
         * Pool with the other binders of the same URL (for an internal URL: of the same account).
         * Every binder must ask for it; default false.
         */
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

        /**
         * The traffic policy text (YAML or JSON, as read from a file), sent with every bind of this
         * endpoint; null or empty (the default) for none.
         */
        public Builder trafficPolicy(String text) {
            this.trafficPolicy = text;
            return this;
        }

        public EndpointSpec build() {
            if (upstream == null) {
                throw new IllegalArgumentException("upstream: missing; expected host:port, e.g. localhost:5432");
            }
            return new EndpointSpec(url, upstream, poolingEnabled, description, metadata, trafficPolicy);
        }
    }
}
