package dev.portway.cli;

import dev.portway.agent.HostPort;
import dev.portway.agent.TcpUrl;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks command-line values before anything connects; each refusal is a usage error (exit 2). */
final class Arguments {

    static final String AUTHTOKEN_ENV = "PORTWAY_AUTHTOKEN";

    private Arguments() {}

    /** {@code 5432} (on localhost) or {@code host:port}. */
    static HostPort upstream(CommandSpec spec, String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.matches("\\d+")) {
            return check(spec, () -> new HostPort("localhost", HostPort.parsePort(trimmed, "upstream")));
        }
        if (!trimmed.contains(":")) {
            throw new ParameterException(spec.commandLine(), "upstream: expected a port (e.g. 5432) or host:port"
                    + " (e.g. db.internal:5432), got '" + text + "'");
        }
        return check(spec, () -> HostPort.parse(trimmed, "upstream"));
    }

    /** {@code tcp://host:port}, or {@code tcp://} for an ephemeral address. */
    static String url(CommandSpec spec, String text) {
        return check(spec, () -> TcpUrl.validate(text, "--url"));
    }

    static HostPort address(CommandSpec spec, String text, String option) {
        return check(spec, () -> HostPort.parse(text, option));
    }

    static String authtoken(CommandSpec spec, String authtoken) {
        if (authtoken == null || authtoken.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--authtoken: missing; pass --authtoken or set "
                    + AUTHTOKEN_ENV + " (./portway up prints one)");
        }
        return authtoken.trim();
    }

    static <T> T check(CommandSpec spec, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
