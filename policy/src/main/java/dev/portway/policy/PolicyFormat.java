package dev.portway.policy;

/** How a policy's text is written. */
public enum PolicyFormat {
    /** JSON when the first non-blank character is <code>{</code>, YAML otherwise. */
    AUTO,
    YAML,
    JSON
}
