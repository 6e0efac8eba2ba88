package dev.portway.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The targets, judged on the medians of the repetitions. A target whose figure could not
 * be measured is FAIL (never silently PASS).
 */
final class Targets {

    record Target(String name, String measured, String limit, boolean pass) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", name);
            m.put("measured", measured);
            m.put("limit", limit);
            m.put("result", pass ? "PASS" : "FAIL");
            return m;
        }
    }

    private Targets() {
    }

    static List<Target> evaluate(Results r) {
        List<Target> t = new ArrayList<>();
        for (String id : List.of("bulk_1", "bulk_8")) {
            Figure f = r.figure(id);
            double ratio = f.median("portway") / f.median("haproxy");
            t.add(new Target(f.title + ": Portway vs HAProxy",
                    fmt("%.2f vs %.2f Gbit/s = %.2f × HAProxy", f.median("portway"), f.median("haproxy"), ratio),
                    "≥ 0.5 × HAProxy", ratio >= 0.5));
        }
        for (String id : List.of("rtt_p50", "rtt_p99")) {
            Figure f = r.figure(id);
            double portwayAdded = f.median("portway") - f.median("direct");
            double haproxyAdded = f.median("haproxy") - f.median("direct");
            String name = "Latency added over direct, " + id.substring(4) + ": Portway vs HAProxy";
            String limit = "≤ 3 × HAProxy's added latency";
            if (haproxyAdded <= 0) {
                // The run's noise was larger than what HAProxy adds (direct's own figure came out higher): a ratio
                // to it would mean nothing, and a negative one would pass any limit.
                t.add(new Target(name, fmt("%+.1f µs vs %+.1f µs: HAProxy added nothing measurable in this run (direct's"
                        + " own figure was higher), so there is no ratio", portwayAdded, haproxyAdded), limit, false));
                continue;
            }
            t.add(new Target(name,
                    fmt("%+.1f µs vs %+.1f µs = %.1f ×", portwayAdded, haproxyAdded, portwayAdded / haproxyAdded),
                    limit, portwayAdded <= 3 * haproxyAdded));
        }
        // Latency targets are judged one client at a time: under the rate test's saturating load the figure is
        // the queue's (Little's law: 8 clients at 2,000/s wait 4 ms each), so "≤ 1 ms" there would demand several
        // times the rate the rate target asks.
        String loaded = fmt("%.0f clients at full speed", num(r.settings, "connect_threads"));
        Figure p50 = r.figure("connect_single_p50");
        Figure loadedP50 = r.figure("connect_p50");
        t.add(new Target("New connection, connect to first echoed byte, p50 (one client at a time)",
                fmt("%.3f ms (%.3f ms with %s)", p50.median("portway"), loadedP50.median("portway"), loaded),
                "≤ 1 ms", p50.median("portway") <= 1.0));
        Figure p99 = r.figure("connect_single_p99");
        Figure loadedP99 = r.figure("connect_p99");
        t.add(new Target("New connection, connect to first echoed byte, p99 (one client at a time)",
                fmt("%.3f ms (%.3f ms with %s)", p99.median("portway"), loadedP99.median("portway"), loaded),
                "≤ 5 ms", p99.median("portway") <= 5.0));
        Figure rate = r.figure("connect_rate");
        Figure errors = r.figure("connect_errors");
        double errorCount = errors.reps.getOrDefault("portway", List.of()).stream().mapToDouble(Double::doubleValue).sum();
        t.add(new Target("New connections per second, zero errors",
                fmt("%.0f /s, %.0f errors in all repetitions", rate.median("portway"), errorCount),
                "≥ 2,000 /s and 0 errors", rate.median("portway") >= 2000 && errorCount == 0));

        Map<String, Object> portway = path(r, "portway");
        double perConnection = num(portway, "per_connection_kib");
        int connections = (int) num(r.memory, "connections");
        t.add(new Target("Memory per open proxied connection, summed over the Portway processes",
                fmt("%.1f KiB (%,d connections)", perConnection, connections), "≤ 64 KiB", perConnection <= 64));
        double echoed = num(portway, "echoed");
        t.add(new Target("Every open idle connection still echoes a byte",
                fmt("%,.0f of %,d", echoed, connections), "all", connections > 0 && echoed == connections));
        double idleMiB = num(r.memory, "idle_suite_after_load_mib");
        t.add(new Target("Idle RSS of the suite (allocator + policy-engine + bridge + edge + agent), after load",
                fmt("%.0f MiB", idleMiB), "≤ 600 MiB", idleMiB <= 600));
        return t;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> path(Results r, String path) {
        Object paths = r.memory.get("paths");
        if (paths instanceof Map<?, ?> m && m.get(path) instanceof Map<?, ?> p) {
            return (Map<String, Object>) p;
        }
        return Map.of();
    }

    static double num(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
