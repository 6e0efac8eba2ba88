package dev.portway.policy;

/** The kind of endpoint a policy is attached to: it decides what happens when no action ends the decision. */
public enum EndpointKind {
    /**
     * An endpoint an agent binds: a policy that runs out of actions lets the connection through to the agent's
     * own upstream ({@link Decision.Outcome#ALLOW}).
     */
    AGENT,
    /**
     * An endpoint with no upstream of its own: its policy must end every decision (deny, close-connection or
     * forward-internal), which {@link PolicyCompiler} checks before accepting it.
     */
    CLOUD
}
