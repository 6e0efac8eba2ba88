package dev.portway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.ByteBuffer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Reads a traffic-policy file (YAML or JSON) given on the command line; {@code -} reads standard
 * input. A file that cannot be read is a usage error naming the option, the path and what to do;
 * whether its content is a valid policy is for the policy library (or the service) to say.
 */
final class PolicyFile {

    /** Far above the 256 KiB a policy may have (the library reports that); only keeps memory bounded. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private PolicyFile() {}

    static String read(CommandSpec spec, String option, String file) {
        return read(spec, option, file, System.in);
    }

    static String read(CommandSpec spec, String option, String file, InputStream stdin) {
        if (file == null || file.isBlank()) {
            throw usage(spec, option + ": missing; expected the path of a traffic-policy file (YAML or JSON)");
        }
        byte[] bytes;
        try {
            bytes = "-".equals(file) ? stdin.readNBytes(MAX_BYTES + 1) : readFile(spec, option, file);
        } catch (NoSuchFileException e) {
            throw usage(spec, option + ": no such file '" + file + "' (working directory "
                    + Paths.get("").toAbsolutePath() + "); give the path of a traffic-policy file (YAML or JSON)");
        } catch (AccessDeniedException e) {
            throw usage(spec, option + ": cannot read '" + file + "': permission denied");
        } catch (IOException e) {
            throw usage(spec, option + ": cannot read '" + file + "': " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw usage(spec, option + ": '" + file + "' is larger than " + MAX_BYTES / (1024 * 1024)
                    + " MiB; a traffic policy has at most 256 KiB");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw usage(spec, option + ": '" + file + "' is not UTF-8 text; a traffic policy is YAML or JSON");
        }
    }

    private static byte[] readFile(CommandSpec spec, String option, String file) throws IOException {
        Path path;
        try {
            path = Paths.get(file);
        } catch (java.nio.file.InvalidPathException e) {
            throw usage(spec, option + ": '" + file + "' is not a valid path: " + e.getReason());
        }
        if (Files.isDirectory(path)) {
            throw usage(spec, option + ": '" + file + "' is a directory; give the path of a traffic-policy file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(MAX_BYTES + 1);
        }
    }

    private static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
