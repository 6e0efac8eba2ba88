package dev.portway.api;

import dev.portway.api.v1.PolicyIssue;

/**
 * A traffic-policy issue in words, the same wherever it is shown (the bridge's bind refusal, the
 * command line): the place as a path, the CEL position when there is one, then the message.
 */
public final class PolicyIssueText {

    private PolicyIssueText() {}

    /**
     * E.g. {@code on_tcp_connect[0].expressions[0] (at 1:21 of 'conn.server_port =='): mismatched input...}
     * or {@code on_tcp_connect[0].actions[1].config.allow[2]: '10.0.0.300/8' is not a CIDR...}; a
     * document syntax error gets {@code (line L, column C)}.
     */
    public static String describe(PolicyIssue issue) {
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
}
