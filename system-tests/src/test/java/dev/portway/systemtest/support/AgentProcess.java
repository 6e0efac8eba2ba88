package dev.portway.systemtest.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The real `portway` command line as a separate process; its stdout lines are collected. */
public final class AgentProcess implements AutoCloseable {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final Path stderrLog;
    private final Thread reader;

    private AgentProcess(Process process, Path stderrLog) {
        this.process = process;
        this.stderrLog = stderrLog;
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    stdout.add(line);
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        }, "agent-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    public static AgentProcess start(String name, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Paths.java(), "-Xmx256m", "-jar", Paths.quarkusApp("cli").toString()));
        command.addAll(args);
        Path log = Paths.log(name + "-" + COUNT.incrementAndGet());
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Orphans.killOnExit(p);
            return new AgentProcess(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the `url: tcp://host:port` line and returns the URL. */
    public String awaitUrl() {
        Wait.until("the agent prints its url (stderr in " + stderrLog + ")", Duration.ofSeconds(60),
                () -> lastUrl() != null || !process.isAlive());
        if (lastUrl() == null) {
            throw new AssertionError("agent exited with " + process.exitValue() + " before binding: " + stderr());
        }
        return lastUrl();
    }

    private String lastUrl() {
        String url = null;
        for (String line : stdout) {
            if (line.startsWith("url: ")) {
                url = line.substring("url: ".length()).trim();
            }
        }
        return url;
    }

    /** Waits for the process to exit and returns its exit code. */
    public int awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("agent did not exit; stderr: " + stderr());
            }
            // Every line the process wrote is collected before its exit code is reported.
            reader.join(TimeUnit.SECONDS.toMillis(10));
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every stdout line so far, joined with newlines. */
    public String stdout() {
        return String.join("\n", stdout);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stderr() {
        try {
            return Files.readString(stderrLog);
        } catch (IOException e) {
            return "";
        }
    }

    public void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }
}
