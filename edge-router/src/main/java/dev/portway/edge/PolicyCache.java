package dev.portway.edge;

import dev.portway.policy.EndpointKind;
import dev.portway.policy.InvalidPolicyException;
import dev.portway.policy.PolicyCompiler;
import dev.portway.policy.PolicyFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Compiles each distinct policy once and keeps it while some endpoint uses it, so a routes rebuild never compiles
 * again what it already has, and nothing is ever compiled on the data path. Confined to the control thread.
 *
 * <p>The key is account + endpoint kind + policy text. The account is part of it because a policy's id scopes its
 * rate-limit buckets (the edge shares one {@code RateLimiter}): two accounts that happen to write the same policy
 * must not drain each other's buckets. Endpoints of one account with the same policy do share buckets (pooled
 * members of one URL must); {@code endpoint.url} in {@code bucket_key} splits them.
 */
final class PolicyCache {

    private static final Logger LOG = Logger.getLogger(PolicyCache.class);

    private record Key(String account, EndpointKind kind, String text) {}

    private Map<Key, EndpointPolicy> known = new HashMap<>();
    private Map<Key, EndpointPolicy> usedSinceSweep = new HashMap<>();
    private int compilations;

    /**
     * The policy of an endpoint, compiled on first use.
     *
     * @param text     the policy text as the bridge or the policy-engine gave it; empty: none
     * @param endpoint names the endpoint in the error logged if the policy does not compile
     */
    EndpointPolicy policyFor(String account, EndpointKind kind, String text, String endpoint) {
        if (kind == EndpointKind.AGENT && text.isBlank()) {
            return EndpointPolicy.NONE;
        }
        Key key = new Key(account, kind, text);
        EndpointPolicy policy = usedSinceSweep.get(key);
        if (policy == null) {
            policy = known.get(key);
            if (policy == null) {
                policy = compile(key, endpoint);
            }
            usedSinceSweep.put(key, policy);
        }
        return policy;
    }

    /** Forgets every policy not asked for since the last sweep; call after each routes rebuild. */
    void sweep() {
        known = usedSinceSweep;
        usedSinceSweep = new HashMap<>();
    }

    /** How many compilations ran so far (tests check that rebuilds reuse what was compiled). */
    int compilations() {
        return compilations;
    }

    private EndpointPolicy compile(Key key, String endpoint) {
        compilations++;
        try {
            return new EndpointPolicy.Compiled(
                    PolicyCompiler.compile(policyId(key), key.text(), PolicyFormat.AUTO, key.kind()));
        } catch (InvalidPolicyException | RuntimeException e) {
            // Validated by the bridge or the policy-engine before it got here: a version mismatch, or a bug.
            String error = e instanceof InvalidPolicyException invalid ? invalid.validation().describeErrors()
                    : e.toString();
            LOG.errorf("the traffic policy of %s (account %s) does not compile on this edge, so its connections are"
                    + " closed until the policy changes: %s", endpoint, key.account(), error);
            return new EndpointPolicy.Invalid(error);
        }
    }

    /** Stable across rebuilds and restarts, so rate-limit buckets survive a policy being recompiled. */
    private static String policyId(Key key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key.account().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(key.kind().name().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(key.text().getBytes(StandardCharsets.UTF_8));
            return "pol_" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
