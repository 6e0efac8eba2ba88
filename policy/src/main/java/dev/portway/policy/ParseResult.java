package dev.portway.policy;

import dev.portway.policy.model.PolicyDocument;

import java.util.List;
import java.util.Optional;

/**
 * What {@link PolicyParser#parse} read.
 *
 * @param document the policy, present when the text could be read as YAML or JSON; when there are errors it holds
 *                 only what was readable (rules and actions in error are left out)
 * @param errors   unreadable text, unknown phases, rules, action types or fields, wrong value types
 * @param warnings e.g. {@code on_http_request} rules that will run at on_tcp_connect
 */
public record ParseResult(Optional<PolicyDocument> document, List<PolicyIssue> errors, List<PolicyIssue> warnings) {

    public ParseResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }
}
