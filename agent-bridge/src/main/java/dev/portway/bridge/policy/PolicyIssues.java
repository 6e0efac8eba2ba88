package dev.portway.bridge.policy;

import dev.portway.api.PolicyIssueText;
import dev.portway.api.v1.PolicyIssue;
import java.util.List;

/** The bind refusal for an invalid policy: a summary line, then each error with its place. */
final class PolicyIssues {

    private PolicyIssues() {}

    /** A summary line, then one indented line per error. */
    static String refusal(List<PolicyIssue> errors) {
        StringBuilder text = new StringBuilder("traffic_policy is invalid (")
                .append(errors.size()).append(errors.size() == 1 ? " error" : " errors")
                .append("); nothing was bound: fix the policy and bind again");
        for (PolicyIssue error : errors) {
            text.append("\n  ").append(PolicyIssueText.describe(error));
        }
        return text.toString();
    }
}
