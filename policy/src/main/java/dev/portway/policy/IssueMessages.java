package dev.portway.policy;

import java.util.List;

/**
 * The library's {@link PolicyIssue}s as the contract's {@code portway.v1.PolicyIssue} messages: one mapping for
 * every place that reports a validation over gRPC or prints it like one (the policy-engine's Validate, the
 * command line's local {@code policy validate}, test doubles of both).
 */
public final class IssueMessages {

    private IssueMessages() {}

    public static List<dev.portway.api.v1.PolicyIssue> of(List<PolicyIssue> issues) {
        return issues.stream().map(IssueMessages::of).toList();
    }

    public static dev.portway.api.v1.PolicyIssue of(PolicyIssue issue) {
        return dev.portway.api.v1.PolicyIssue.newBuilder()
                .setSeverity(issue.severity() == PolicyIssue.Severity.ERROR
                        ? dev.portway.api.v1.PolicyIssue.Severity.ERROR : dev.portway.api.v1.PolicyIssue.Severity.WARNING)
                .setPhase(issue.phase())
                .setRuleIndex(issue.ruleIndex())
                .setActionIndex(issue.actionIndex())
                .setField(issue.field())
                .setExpression(issue.expression())
                .setLine(issue.line())
                .setColumn(issue.column())
                .setMessage(issue.message())
                .setPath(issue.path())
                .build();
    }
}
