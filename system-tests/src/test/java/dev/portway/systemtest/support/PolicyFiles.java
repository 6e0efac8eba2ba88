package dev.portway.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Traffic-policy files for `portway ... --traffic-policy-file` and `portway policy validate`. */
public final class PolicyFiles {

    private PolicyFiles() {}

    /** Writes {@code text} to a new temporary .yaml file (deleted when the test JVM exits). */
    public static Path write(String text) {
        try {
            Path file = Files.createTempFile("portway-policy-", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
