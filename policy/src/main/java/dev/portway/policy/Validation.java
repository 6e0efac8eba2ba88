package dev.portway.policy;

import java.util.List;

/**
 * What {@link PolicyCompiler#validate} found: the policy is valid when there is no error.
 *
 * @param errors   every error, in document order; any error refuses the policy
 * @param warnings things the author should know about an accepted policy (e.g. an HTTP phase applied at
 *                 on_tcp_connect, actions that can never run)
 */
public record Validation(List<PolicyIssue> errors, List<PolicyIssue> warnings) {

    public Validation {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** Every error, one per line (for messages to users). */
    public String describeErrors() {
        StringBuilder text = new StringBuilder();
        for (PolicyIssue error : errors) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(error);
        }
        return text.toString();
    }
}
