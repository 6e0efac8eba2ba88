package dev.portway.policy;

import java.util.Optional;

/**
 * An internal endpoint ({@code tcp://name.internal:port}) as a {@link InternalEndpointResolver} knows it.
 *
 * @param endpoint facts of the target endpoint (its own policy sees them as {@code endpoint.*})
 * @param online   whether it can take connections now (an agent is bound to it)
 * @param policy   its own traffic policy, evaluated after the forward; empty when it has none (ALLOW)
 */
public record InternalTarget(EndpointFacts endpoint, boolean online, Optional<CompiledPolicy> policy) {

    public static InternalTarget online(EndpointFacts endpoint, CompiledPolicy policy) {
        return new InternalTarget(endpoint, true, Optional.ofNullable(policy));
    }

    public static InternalTarget offline(EndpointFacts endpoint) {
        return new InternalTarget(endpoint, false, Optional.empty());
    }
}
