package dev.portway.systemtest.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the packaged services and the test logs are. */
final class Paths {

    private Paths() {}

    static Path root() {
        String configured = System.getProperty("portway.root");
        Path root = configured != null ? Path.of(configured) : Path.of("..").toAbsolutePath().normalize();
        return root;
    }

    static Path quarkusApp(String module) {
        Path jar = root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw install)");
        }
        return jar;
    }

    static Path log(String instance) {
        return root().resolve("system-tests/target/system-test-logs").resolve(instance + ".log");
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
