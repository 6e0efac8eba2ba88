package dev.portway.policy;

/**
 * One problem found in a policy, with its place.
 *
 * @param severity       ERROR (the policy is refused) or WARNING (accepted, but the author should know)
 * @param phase          the phase the rule was written under ({@code on_tcp_connect}, ...); empty for the document
 * @param ruleIndex      index of the rule within its phase; -1 when the issue is not about one rule
 * @param actionIndex    index of the action within the rule; -1 when the issue is not about one action
 * @param field          the field within the action (e.g. {@code config.allow[2]}) or the rule (e.g.
 *                       {@code expressions[0]}); empty when the place is the rule, the action or the document
 * @param expression     the CEL expression the issue is about, or empty
 * @param line           1-based line of the issue: within {@code expression} when it is set, else within the
 *                       document (syntax errors); 0 when unknown
 * @param column         1-based column, same reference as {@code line}; 0 when unknown
 * @param message        what is wrong and what to do
 */
public record PolicyIssue(Severity severity, String phase, int ruleIndex, int actionIndex, String field,
        String expression, int line, int column, String message) {

    /** Whether the issue refuses the policy. */
    public enum Severity { ERROR, WARNING }

    public PolicyIssue {
        phase = phase == null ? "" : phase;
        field = field == null ? "" : field;
        expression = expression == null ? "" : expression;
    }

    /** The place as a path, e.g. {@code on_tcp_connect[0].actions[1].config.allow[2]}; empty for the document. */
    public String path() {
        StringBuilder path = new StringBuilder(phase);
        if (ruleIndex >= 0) {
            path.append('[').append(ruleIndex).append(']');
        }
        if (actionIndex >= 0) {
            path.append(".actions[").append(actionIndex).append(']');
        }
        if (!field.isEmpty()) {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(field);
        }
        return path.toString();
    }

    /** E.g. {@code on_tcp_connect[0].expressions[0] (at 1:21 of 'conn.server_port == '): mismatched input...}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        String path = path();
        text.append(path.isEmpty() ? "policy" : path);
        if (!expression.isEmpty()) {
            text.append(" (");
            if (line > 0) {
                text.append("at ").append(line).append(':').append(column).append(" of ");
            }
            text.append('\'').append(expression).append("')");
        } else if (line > 0) {
            text.append(" (line ").append(line).append(", column ").append(column).append(')');
        }
        return text.append(": ").append(message).toString();
    }
}
