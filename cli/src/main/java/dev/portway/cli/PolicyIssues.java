package dev.portway.cli;

import dev.portway.api.PolicyIssueText;
import dev.portway.api.v1.PolicyIssue;
import dev.portway.policy.Validation;
import java.io.PrintWriter;
import java.util.List;

/**
 * Policy errors and warnings in words, the same whether they come from the local policy library
 * ({@code policy validate}), the bridge (a refused bind) or the policy-engine: the place as a path,
 * the CEL position when there is one, then the message.
 */
final class PolicyIssues {

    private PolicyIssues() {}

    /** Prints each issue on its own line: {@code <prefix><issue>}. */
    static void print(List<PolicyIssue> issues, String prefix, PrintWriter to) {
        for (PolicyIssue issue : issues) {
            to.println(prefix + PolicyIssueText.describe(issue));
        }
        to.flush();
    }

    /** The library's issues as the contract's messages (the policy-engine's Validate answers the same). */
    static List<PolicyIssue> toProto(List<dev.portway.policy.PolicyIssue> issues) {
        return issues.stream().map(PolicyIssues::toProto).toList();
    }

    static PolicyIssue toProto(dev.portway.policy.PolicyIssue issue) {
        return PolicyIssue.newBuilder()
                .setSeverity(issue.severity() == dev.portway.policy.PolicyIssue.Severity.ERROR
                        ? PolicyIssue.Severity.ERROR : PolicyIssue.Severity.WARNING)
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

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String counts(Validation validation) {
        return count(validation.errors().size(), "error") + ", " + count(validation.warnings().size(), "warning");
    }
}
