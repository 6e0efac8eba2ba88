package dev.portway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Bulk throughput with iperf3: {@code iperf3 -c 127.0.0.1 -p PORT -n BYTES [-P N] -J} against an
 * {@code iperf3 -s} upstream. iperf3 opens a control connection and then its data connections to
 * the same port, so it runs unchanged through any TCP proxy. Reported: the receiver's rate
 * ({@code end.sum_received}), i.e. bytes that made it through the whole path, not bytes the
 * sender managed to put in its socket buffer.
 */
final class Iperf {

    record Result(double gbitPerSecond, double bytesReceived, double seconds, double clientCpuPercent,
            double serverCpuPercent) {
    }

    private Iperf() {
    }

    /** Sends {@code bytes} (iperf3 syntax: 1G, 128M; the total over all streams) on {@code streams} connections. */
    static Result bytes(int port, String bytes, int streams, long timeoutSeconds) throws IOException, InterruptedException {
        return run(port, List.of("-n", bytes), streams, timeoutSeconds);
    }

    /** Sends for {@code seconds} (warm-up: a fixed time suits every path's speed). */
    static Result seconds(int port, int seconds, int streams) throws IOException, InterruptedException {
        return run(port, List.of("-t", String.valueOf(seconds)), streams, seconds + 60L);
    }

    private static Result run(int port, List<String> amount, int streams, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("iperf3", "-c", "127.0.0.1", "-p", String.valueOf(port), "-J"));
        cmd.addAll(amount);
        if (streams > 1) {
            cmd.addAll(List.of("-P", String.valueOf(streams)));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        // Read while it runs (the JSON is printed at the end, but a full pipe would block it).
        byte[] out;
        try (var in = p.getInputStream()) {
            out = readBounded(p, in, timeoutSeconds);
        }
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("iperf3 did not exit: " + String.join(" ", cmd));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        Object doc;
        try {
            doc = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("iperf3 printed no JSON (exit " + p.exitValue() + "): " + abbreviate(text));
        }
        Object error = Json.at(doc, "error");
        if (error != null || p.exitValue() != 0) {
            throw new IOException("iperf3 failed (exit " + p.exitValue() + "): " + error);
        }
        return new Result(
                Json.number(doc, "end", "sum_received", "bits_per_second") / 1e9,
                Json.number(doc, "end", "sum_received", "bytes"),
                Json.number(doc, "end", "sum_received", "seconds"),
                Json.number(doc, "end", "cpu_utilization_percent", "host_total"),
                Json.number(doc, "end", "cpu_utilization_percent", "remote_total"));
    }

    /** Reads all output, killing iperf3 if it has not finished within the timeout. */
    private static byte[] readBounded(Process p, java.io.InputStream in, long timeoutSeconds) throws IOException {
        Thread killer = new Thread(() -> {
            try {
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "iperf3-timeout");
        killer.setDaemon(true);
        killer.start();
        byte[] out = in.readAllBytes();
        if (!p.isAlive() && killer.isAlive()) {
            killer.interrupt();
        }
        return out;
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
