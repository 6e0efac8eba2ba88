package dev.portway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.portway.api.v1.PolicyIssue;
import dev.portway.policy.IssueMessages;
import dev.portway.policy.EndpointKind;
import dev.portway.policy.PolicyCompiler;
import dev.portway.policy.PolicyFormat;
import dev.portway.policy.Validation;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portway policy validate <file>}: the policy-engine's own validation (the same library), run
 * locally, so it needs no running suite and no authtoken.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Check a traffic-policy file (YAML or JSON) and print every error and warning with its place.",
            "",
            "Places are paths such as on_tcp_connect[0].actions[1].config.allow[2]; a CEL error also gives"
                    + " line:column within its expression. Exit code 0 when the policy is valid (warnings"
                    + " allowed), 1 when it is not, 2 when the file cannot be read.",
            ""
        },
        footer = {"", "Examples:", "  portway policy validate examples/restrict-ips.yaml",
            "  portway policy validate --endpoint-kind cloud \\", "      examples/cloud-endpoint-forward.yaml",
            "  yq .spec.trafficPolicy.policy cloudendpoint.yaml \\",
            "      | portway policy validate --endpoint-kind cloud -"})
public class ValidatePolicyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<file>", description = "The policy file; - reads standard input.")
    String file;

    @Option(names = "--endpoint-kind", paramLabel = "agent|cloud", defaultValue = "agent",
            description = "The endpoint the policy is for (default: ${DEFAULT-VALUE}). A cloud endpoint has no"
                    + " upstream of its own, so its policy must end every decision (deny, close-connection or"
                    + " forward-internal in a rule without expressions).")
    String endpointKind;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json", defaultValue = "text",
            description = "text (default) or json: {file, endpoint_kind, valid, errors[], warnings[]}, each issue"
                    + " with the fields of portway.v1.PolicyIssue.")
    String output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        EndpointKind kind = EndpointKinds.parse(spec, endpointKind);
        boolean json = outputIsJson();
        String text = PolicyFile.read(spec, "<file>", file);
        Validation validation = PolicyCompiler.validate(text, PolicyFormat.AUTO, kind);
        String name = "-".equals(file) ? "<stdin>" : file;
        List<PolicyIssue> errors = IssueMessages.of(validation.errors());
        List<PolicyIssue> warnings = IssueMessages.of(validation.warnings());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(name, kind, validation.valid(), errors, warnings));
        } else {
            out.println(name + ": " + (validation.valid() ? "valid" : "invalid") + " for "
                    + (kind == EndpointKind.CLOUD ? "a cloud" : "an agent") + " endpoint ("
                    + PolicyIssues.counts(validation) + ")");
            PolicyIssues.print(errors, "  error: ", out);
            PolicyIssues.print(warnings, "  warning: ", out);
        }
        out.flush();
        return validation.valid() ? Cli.OK : Cli.FAILED;
    }

    private boolean outputIsJson() {
        return switch (output.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> false;
            case "json" -> true;
            default -> throw new ParameterException(spec.commandLine(), "--output: expected text or json, got '"
                    + output + "'");
        };
    }

    private static String json(String file, EndpointKind kind, boolean valid, List<PolicyIssue> errors,
            List<PolicyIssue> warnings) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("file", file);
        report.put("endpoint_kind", EndpointKinds.name(kind));
        report.put("valid", valid);
        report.put("errors", errors.stream().map(ValidatePolicyCommand::jsonIssue).toList());
        report.put("warnings", warnings.stream().map(ValidatePolicyCommand::jsonIssue).toList());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /** The issue with portway.v1.PolicyIssue's field names, so tools read both the same way. */
    private static Map<String, Object> jsonIssue(PolicyIssue issue) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("severity", issue.getSeverity().name());
        fields.put("path", issue.getPath());
        fields.put("phase", issue.getPhase());
        fields.put("rule_index", issue.getRuleIndex());
        fields.put("action_index", issue.getActionIndex());
        fields.put("field", issue.getField());
        fields.put("expression", issue.getExpression());
        fields.put("line", issue.getLine());
        fields.put("column", issue.getColumn());
        fields.put("message", issue.getMessage());
        return fields;
    }
}
