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

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String counts(Validation validation) {
        return count(validation.errors().size(), "error") + ", " + count(validation.warnings().size(), "warning");
    }
}
