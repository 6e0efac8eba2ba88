package dev.portway.edge;

import dev.portway.policy.CompiledPolicy;

/**
 * The traffic policy of one endpoint as the edge holds it: none (an agent endpoint without a policy lets every
 * connection through), compiled (ready to evaluate), or invalid (it did not compile here, which validation by the
 * bridge or the policy-engine should have made impossible: the endpoint's connections are closed).
 */
sealed interface EndpointPolicy permits EndpointPolicy.None, EndpointPolicy.Compiled, EndpointPolicy.Invalid {

    None NONE = new None();

    /** No policy: the connection goes to the agent's upstream without any evaluation. */
    record None() implements EndpointPolicy {}

    record Compiled(CompiledPolicy policy) implements EndpointPolicy {}

    /** @param error the compiler's message, with every error and its place */
    record Invalid(String error) implements EndpointPolicy {}
}
