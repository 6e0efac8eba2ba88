package dev.portway.cli;

import dev.portway.policy.EndpointKind;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code --endpoint-kind agent|cloud}, read case-insensitively with an error that lists the choices. */
final class EndpointKinds {

    private EndpointKinds() {}

    static EndpointKind parse(CommandSpec spec, String text) {
        String kind = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "agent" -> EndpointKind.AGENT;
            case "cloud" -> EndpointKind.CLOUD;
            default -> throw new ParameterException(spec.commandLine(), "--endpoint-kind: expected agent (an"
                    + " endpoint an agent binds, e.g. portway tcp) or cloud (portway endpoints cloud), got '"
                    + text + "'");
        };
    }

    static String name(EndpointKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
