package dev.portway.bridge.policy;

import dev.portway.api.v1.PolicyIssue;
import java.util.List;

/** Policy issues as text for people: the same shape as the policy library's own messages. */
final class PolicyIssues {

    private PolicyIssues() {}

    /**
     * E.g. {@code on_tcp_connect[0].expressions[0] (at 1:21 of 'conn.server_port =='): mismatched input...};
     * a document syntax error gets {@code (line L, column C)}.
     */
    static String describe(PolicyIssue issue) {
        StringBuilder text = new StringBuilder(issue.getPath().isEmpty() ? "policy" : issue.getPath());
        if (!issue.getExpression().isEmpty()) {
            text.append(" (");
            if (issue.getLine() > 0) {
                text.append("at ").append(issue.getLine()).append(':').append(issue.getColumn()).append(" of ");
            }
            text.append('\'').append(issue.getExpression()).append("')");
        } else if (issue.getLine() > 0) {
            text.append(" (line ").append(issue.getLine()).append(", column ").append(issue.getColumn()).append(')');
        }
        return text.append(": ").append(issue.getMessage()).toString();
    }

    /** A summary line, then one indented line per error. */
    static String refusal(List<PolicyIssue> errors) {
        StringBuilder text = new StringBuilder("traffic_policy is invalid (")
                .append(errors.size()).append(errors.size() == 1 ? " error" : " errors")
                .append("); nothing was bound: fix the policy and bind again");
        for (PolicyIssue error : errors) {
            text.append("\n  ").append(describe(error));
        }
        return text.toString();
    }
}
