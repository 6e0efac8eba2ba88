package dev.portway.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One packaged Portway service (its quarkus-run.jar) running as a separate JVM. */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final int httpPort;
    private final Path log;
    private Process process;

    private ServiceProcess(String name, List<String> command, int httpPort, Path log) {
        this.name = name;
        this.command = command;
        this.httpPort = httpPort;
        this.log = log;
    }

    /** Starts {@code module}'s packaged app with the given system properties (key=value). */
    public static ServiceProcess start(String module, String instance, int httpPort, List<String> properties) {
        List<String> command = new ArrayList<>();
        command.add(Paths.java());
        command.add("-Xmx256m");
        command.add("-Dquarkus.http.port=" + httpPort);
        properties.forEach(p -> command.add("-D" + p));
        command.add("-jar");
        command.add(Paths.quarkusApp(module).toString());
        ServiceProcess service = new ServiceProcess(instance, command, httpPort, Paths.log(instance));
        service.start();
        return service;
    }

    /** Starts the same command again (after {@link #kill9()}), appending to the same log. */
    public void start() {
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Orphans.killOnExit(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until /q/health/ready answers 200. */
    public ServiceProcess awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (ready()) {
                return this;
            }
            Wait.sleep(200);
        }
        throw new IllegalStateException(name + " not ready within 60 s; see " + log);
    }

    public boolean ready() {
        return httpGet("/q/health/ready") == 200;
    }

    public String metrics() {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri("/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of the metric line {@code series} (name and labels, e.g. {@code portway_edge_agent_links}); 0 if absent. */
    public double metric(String series) {
        for (String line : metrics().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private int httpGet(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed by the JVM. */
    public void kill9() {
        process.destroyForcibly();
        waitFor();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    private void waitFor() {
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
            process.destroyForcibly();
        }
    }
}
