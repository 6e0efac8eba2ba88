package dev.portway.cli;

import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * How every command reports problems: one {@code error: ...} line on stderr. Usage errors exit 2
 * with a pointer to {@code --help}; refusals and failures exit 1, a gRPC one as {@code error:
 * <status code>: <message>}.
 */
public final class Cli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private Cli() {}

    /** Installs the error handlers on {@code commandLine} (the Quarkus producer and tests use it). */
    public static CommandLine configure(CommandLine commandLine) {
        return commandLine
                .setParameterExceptionHandler(Cli::usageError)
                .setExecutionExceptionHandler((error, failed, parseResult) -> {
                    failed.getErr().println("error: " + describe(error));
                    failed.getErr().flush();
                    return FAILED;
                });
    }

    private static int usageError(ParameterException error, String[] args) {
        CommandLine failed = error.getCommandLine();
        PrintWriter err = failed.getErr();
        err.println("error: " + error.getMessage());
        err.println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return USAGE;
    }

    /** A failure in words for an {@code error:} line. */
    public static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof StatusRuntimeException status) {
            StringBuilder text = new StringBuilder(status.getStatus().getCode().name()).append(": ");
            String description = status.getStatus().getDescription();
            // A multi-line message (e.g. every error of a refused policy, one per line) stays readable.
            text.append(description == null ? "(no message)" : description.replace("\n", "\n  "));
            Throwable transport = status.getStatus().getCause();
            if (transport != null && transport.getMessage() != null) {
                text.append(" (").append(transport.getMessage()).append(')');
            }
            return text.toString();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
