package dev.portway.policy.internal;

import dev.portway.policy.PolicyIssue;
import dev.portway.policy.PolicyIssue.Severity;

import java.util.ArrayList;
import java.util.List;

/** Collects issues while walking a policy, remembering the current phase, rule and action. */
public final class Issues {

    private final List<PolicyIssue> errors = new ArrayList<>();
    private final List<PolicyIssue> warnings = new ArrayList<>();
    private String phase = "";
    private int rule = -1;
    private int action = -1;

    public void at(String phase, int rule, int action) {
        this.phase = phase;
        this.rule = rule;
        this.action = action;
    }

    public void error(String field, String message) {
        errors.add(new PolicyIssue(Severity.ERROR, phase, rule, action, field, "", 0, 0, message));
    }

    public void warning(String field, String message) {
        warnings.add(new PolicyIssue(Severity.WARNING, phase, rule, action, field, "", 0, 0, message));
    }

    public void expressionError(String field, String expression, int line, int column, String message) {
        errors.add(new PolicyIssue(Severity.ERROR, phase, rule, action, field, expression, line, column, message));
    }

    public void documentError(int line, int column, String message) {
        errors.add(new PolicyIssue(Severity.ERROR, "", -1, -1, "", "", line, column, message));
    }

    public void addAll(Issues other) {
        errors.addAll(other.errors);
        warnings.addAll(other.warnings);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<PolicyIssue> errors() {
        return List.copyOf(errors);
    }

    public List<PolicyIssue> warnings() {
        return List.copyOf(warnings);
    }
}
