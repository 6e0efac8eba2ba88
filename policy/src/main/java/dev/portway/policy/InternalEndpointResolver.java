package dev.portway.policy;

import java.util.Optional;

/**
 * Finds the internal endpoints a {@code forward-internal} names. An implementation sees only the internal
 * endpoints of the policy's own account (the edge builds one per account). Called on the data path: it must
 * answer from memory, without blocking.
 */
@FunctionalInterface
public interface InternalEndpointResolver {

    /** Knows no internal endpoint: every forward-internal target is offline. */
    InternalEndpointResolver NONE = url -> Optional.empty();

    /** The endpoint at {@code url} ({@code tcp://name.internal:port}), or empty when there is none. */
    Optional<InternalTarget> resolve(String url);
}
