package dev.portway.edge;

import dev.portway.api.v1.CloudEndpoint;
import dev.portway.policy.CompiledPolicy;
import dev.portway.policy.Decision;
import dev.portway.policy.EndpointFacts;
import dev.portway.policy.InternalTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One endpoint a connection to a URL may be given to: an agent endpoint online on a bridge, or a cloud endpoint
 * (no agent of its own: its policy forwards the connection to an internal endpoint or closes it). Built on the
 * control thread with everything the data path needs ready (policy, CEL facts, what a forward-internal resolves
 * to), so deciding a connection allocates little. Immutable.
 */
public final class RouteMember {

    private final String id;
    private final String url;
    private final String account;
    private final AccountUrl accountUrl;
    private final boolean pooling;
    private final long since;
    private final OnlineEndpoint agent;
    private final EndpointPolicy policy;
    private final EndpointFacts facts;
    private final Decision allowWithoutPolicy;
    private final Optional<InternalTarget> asForwardTarget;

    private RouteMember(String id, String url, String account, boolean pooling, long since, OnlineEndpoint agent,
                        EndpointPolicy policy, EndpointFacts facts) {
        this.id = id;
        this.url = url;
        this.account = account;
        this.accountUrl = new AccountUrl(account, url);
        this.pooling = pooling;
        this.since = since;
        this.agent = agent;
        this.policy = policy;
        this.facts = facts;
        this.allowWithoutPolicy = new Decision(Decision.Outcome.ALLOW, "", url, "", null, null, "", Map.of(), List.of());
        // An internal endpoint whose policy did not compile looks offline to a forward: on_error decides.
        this.asForwardTarget = Optional.of(policy instanceof EndpointPolicy.Invalid ? InternalTarget.offline(facts)
                : InternalTarget.online(facts, compiledOrNull(policy)));
    }

    /** An agent endpoint (public or internal), with its policy compiled by the caller. */
    static RouteMember agent(OnlineEndpoint online, EndpointPolicy policy) {
        var endpoint = online.endpoint();
        return new RouteMember(endpoint.getId(), endpoint.getUrl(), endpoint.getAccount(), endpoint.getPoolingEnabled(),
                endpoint.getBoundAtUnixMillis(), online, policy,
                facts(endpoint.getId(), endpoint.getUrl(), endpoint.getHost(), endpoint.getPort()));
    }

    static RouteMember cloud(CloudEndpoint cloud, PublicAddress at, EndpointPolicy policy) {
        long createdAt = cloud.getCreatedAt().getSeconds() * 1000 + cloud.getCreatedAt().getNanos() / 1_000_000;
        return new RouteMember(cloud.getId(), cloud.getUrl(), cloud.getAccount(), cloud.getPoolingEnabled(), createdAt,
                null, policy, facts(cloud.getId(), cloud.getUrl(), at.host(), at.port()));
    }

    private static EndpointFacts facts(String id, String url, String host, int port) {
        try {
            return EndpointFacts.ofUrl(id, url);
        } catch (IllegalArgumentException notTcpUrl) {
            return new EndpointFacts(id, url, host, port, "tcp");
        }
    }

    private static CompiledPolicy compiledOrNull(EndpointPolicy policy) {
        return policy instanceof EndpointPolicy.Compiled compiled ? compiled.policy() : null;
    }

    public String id() {
        return id;
    }

    public String url() {
        return url;
    }

    public String account() {
        return account;
    }

    /** Its URL within its account: the key of its metric series (made once here, not per connection). */
    AccountUrl accountUrl() {
        return accountUrl;
    }

    /** Whether it was bound (or created) with pooling enabled. */
    public boolean pooling() {
        return pooling;
    }

    /** When it was bound (agent) or created (cloud), in Unix milliseconds: among non-pooled members the earliest serves. */
    public long since() {
        return since;
    }

    /** The agent endpoint and the bridge to ask for it; null for a cloud endpoint. */
    public OnlineEndpoint agent() {
        return agent;
    }

    public boolean isCloud() {
        return agent == null;
    }

    EndpointPolicy policy() {
        return policy;
    }

    /** {@code endpoint.*} for its policy. */
    EndpointFacts facts() {
        return facts;
    }

    /** The decision of an agent endpoint without a policy (not evaluated). */
    Decision allowWithoutPolicy() {
        return allowWithoutPolicy;
    }

    /** What a forward-internal to this (internal) endpoint resolves to; built once, returned as is. */
    Optional<InternalTarget> asForwardTarget() {
        return asForwardTarget;
    }

    @Override
    public String toString() {
        return (agent == null ? "cloud endpoint " : "endpoint ") + id + " (" + url
                + (agent == null ? "" : ", bridge " + agent.bridgeId()) + ")";
    }
}
