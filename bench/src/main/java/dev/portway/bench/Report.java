package dev.portway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes results.json, results.md and results.png; {@code report DIR} redraws the last two. */
final class Report {

    private Report() {
    }

    static void write(Results r, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.json"), Json.write(r.toJson()));
        Files.writeString(dir.resolve("results.md"), markdown(r));
        Chart.write(r, dir.resolve("results.png"));
    }

    @SuppressWarnings("unchecked")
    static void rerender(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/results");
        Results r = Results.fromJson((Map<String, Object>) Json.parse(Files.readString(dir.resolve("results.json"))));
        Files.writeString(dir.resolve("results.md"), markdown(r));
        Chart.write(r, dir.resolve("results.png"));
        System.out.println("redrew " + dir.resolve("results.md") + " and " + dir.resolve("results.png"));
    }

    static String markdown(Results r) {
        StringBuilder b = new StringBuilder();
        b.append("# Portway vs HAProxy vs direct: one run\n\n");
        b.append(fmt("`bench/run%s`, started %s, took %.0f s. Each figure is the **median** of %s repetitions,"
                + " with (min–max). Everything on 127.0.0.1.\n\n", "quick".equals(r.mode) ? " --quick" : "",
                r.startedAt, r.durationSeconds, r.settings.get("repetitions")));
        b.append("- **direct**: client → upstream\n");
        b.append("- **haproxy**: client → HAProxy (`mode tcp`, one hop) → upstream\n");
        b.append("- **portway**: client → Portway's data path → agent (`portway tcp`) → upstream; which services carry the"
                + " bytes depends on the build measured (docs/architecture.md of the recorded commit).")
                .append(carriers(r)).append("\n\n");

        b.append("## Figures\n\n");
        b.append("| figure | direct | haproxy | portway | portway ÷ direct | portway ÷ haproxy |\n");
        b.append("|---|---:|---:|---:|---:|---:|\n");
        for (Figure f : r.figures) {
            b.append("| ").append(f.title).append(" (").append(f.unit).append(", ")
                    .append(f.higherIsBetter ? "higher" : "lower").append(" is better)");
            for (String p : Options.PATHS) {
                b.append(" | ").append(cell(f, p));
            }
            b.append(" | ").append(ratio(f.median("portway"), f.median("direct")));
            b.append(" | ").append(ratio(f.median("portway"), f.median("haproxy"))).append(" |\n");
        }
        b.append('\n');

        b.append("## Targets\n\n| target | measured | limit | result |\n|---|---|---|---|\n");
        for (Targets.Target t : Targets.evaluate(r)) {
            b.append(fmt("| %s | %s | %s | **%s** |\n", t.name(), t.measured(), t.limit(), t.pass() ? "PASS" : "FAIL"));
        }
        b.append('\n');

        memory(b, r);
        cpu(b, r);
        load(b, r);
        machine(b, r);
        warmup(b, r);
        if (!r.notes.isEmpty()) {
            b.append("## Notes\n\n");
            r.notes.forEach(n -> b.append("- ").append(n).append('\n'));
            b.append('\n');
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static void memory(StringBuilder b, Results r) {
        Map<String, Object> m = r.memory;
        Map<String, Object> portway = Targets.path(r, "portway");
        int n = (int) Targets.num(m, "connections");
        b.append("## Memory\n\n");
        b.append(fmt("RSS (VmRSS) per process, KiB. \"With connections\": %,d concurrent idle connections open through"
                + " the path, each having echoed one byte; growth ÷ connections = memory per connection.\n\n", n));
        if (m.get("connections_limited_by") != null) {
            b.append(fmt("**%,d connections, not %,d**: %s.\n\n", n, (int) Targets.num(m, "requested_connections"),
                    m.get("connections_limited_by")));
        }
        b.append("| process | heap cap | idle after start | idle after load | before connections | with connections | growth |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|\n");
        Map<String, Object> start = (Map<String, Object>) m.getOrDefault("idle_after_start_kib", Map.of());
        Map<String, Object> loaded = (Map<String, Object>) m.getOrDefault("idle_after_load_kib", Map.of());
        Map<String, Object> before = (Map<String, Object>) portway.getOrDefault("rss_before_kib", Map.of());
        Map<String, Object> after = (Map<String, Object>) portway.getOrDefault("rss_after_kib", Map.of());
        Map<String, Object> growth = (Map<String, Object>) portway.getOrDefault("growth_kib", Map.of());
        for (String name : start.keySet()) {
            b.append(fmt("| %s | %s | %s | %s | %s | %s | %s |\n", name, r.heapCaps.getOrDefault(name, "?"),
                    kib(start.get(name)), kib(loaded.get(name)), kib(before.get(name)), kib(after.get(name)),
                    kib(growth.get(name))));
        }
        b.append(fmt("| **suite** (%s) | | %.0f MiB | %.0f MiB | | | %s KiB = **%.1f KiB per connection** |\n\n",
                String.join(" + ", Benchmark.SUITE), Targets.num(m, "idle_suite_after_start_mib"),
                Targets.num(m, "idle_suite_after_load_mib"), kib(portway.get("growth_total_kib")),
                Targets.num(portway, "per_connection_kib")));
        if (portway.get("live_heap_per_connection_kib") != null) {
            Map<String, Object> hb = (Map<String, Object>) portway.get("live_heap_before_kib");
            Map<String, Object> ha = (Map<String, Object>) portway.get("live_heap_with_connections_kib");
            StringBuilder per = new StringBuilder();
            hb.forEach((name, v) -> per.append(per.length() > 0 ? ", " : "").append(name).append(' ')
                    .append(kib(v)).append(" → ").append(kib(ha.get(name))));
            b.append(fmt("Live Java heap after a full GC (`jcmd GC.run`, `GC.heap_info`), KiB, before → with the"
                    + " connections: %s; that is **%.1f KiB of heap per connection**. (RSS growth can be lower than"
                    + " this: heap pages touched by earlier load are reused without growing RSS.)\n\n", per,
                    Targets.num(portway, "live_heap_per_connection_kib")));
        }
        b.append(fmt("agent-iperf (the second agent, exposing the iperf3 upstream) is not on the echo path; all Portway"
                + " processes together idle after load: %.0f MiB.\n\n",
                Targets.num(m, "idle_all_portway_processes_after_load_mib")));
        for (String path : List.of("haproxy", "portway")) {
            Map<String, Object> p = Targets.path(r, path);
            if (p.isEmpty()) {
                continue;
            }
            b.append(fmt("- %s: %,d of %,d opened in %.1f s (%s failed%s); RSS growth %s KiB = %.1f KiB per connection;"
                    + " afterwards %,d of them echoed a byte (%s failed%s).\n", path, (int) Targets.num(p, "opened"), n,
                    Targets.num(p, "open_seconds"), p.get("open_failed"), firstError(p.get("open_first_error")),
                    kib(p.get("growth_total_kib")), Targets.num(p, "per_connection_kib"), (int) Targets.num(p, "echoed"),
                    p.get("echo_failed"), firstError(p.get("echo_first_error"))));
        }
        b.append('\n');
    }

    @SuppressWarnings("unchecked")
    private static void cpu(StringBuilder b, Results r) {
        if (r.cpu == null || r.cpu.isEmpty()) {
            return;
        }
        b.append("## Where the CPU went\n\n");
        b.append("Average CPU of each process while the figure ran on that path, % of one core (the machine has ")
                .append(r.machine.get("cores (nproc)")).append(" cores, so 100 × cores is everything). "
                        + "Processes under 0.5% are left out.\n\n");
        b.append("| figure | path | CPU by process |\n|---|---|---|\n");
        r.cpu.forEach((figure, byPath) -> ((Map<String, Object>) byPath).forEach((path, byProcess) -> {
            StringBuilder procs = new StringBuilder();
            ((Map<String, Object>) byProcess).entrySet().stream()
                    .sorted((x, y) -> Double.compare(((Number) y.getValue()).doubleValue(), ((Number) x.getValue()).doubleValue()))
                    .forEach(e -> procs.append(procs.length() > 0 ? ", " : "").append(e.getKey()).append(' ')
                            .append(fmt("%.0f%%", ((Number) e.getValue()).doubleValue())));
            b.append(fmt("| %s | %s | %s |\n", figure, path, procs));
        }));
        b.append('\n');
        if (r.portwayThreads != null && !r.portwayThreads.isEmpty()) {
            b.append("Inside Portway's processes on the portway path, the busiest thread groups (`process/thread name`,"
                    + " numbers replaced by #; `*-io-#-#` are the Netty event loops of the byte path, `C# CompilerThre`"
                    + " the JIT, `GC Thread#`/`G# ...` the garbage collector, `vert.x-eventloo`/`grpc-*` gRPC):\n\n");
            b.append("| figure | thread groups, % of one core |\n|---|---|\n");
            r.portwayThreads.forEach((figure, groups) -> {
                StringBuilder line = new StringBuilder();
                ((Map<String, Object>) groups).forEach((g, v) -> line.append(line.length() > 0 ? ", " : "")
                        .append('`').append(g).append("` ").append(fmt("%.0f%%", ((Number) v).doubleValue())));
                b.append(fmt("| %s | %s |\n", figure, line));
            });
            b.append('\n');
        }
    }

    @SuppressWarnings("unchecked")
    private static void load(StringBuilder b, Results r) {
        if (r.load == null || r.load.isEmpty()) {
            return;
        }
        b.append("## How busy the machine was\n\n");
        b.append("Per phase, % of the whole machine (all cores): busy in total, by this run's processes, by everybody"
                + " else (other engineers' builds; estimated as process CPU minus this run's), and in softirq (loopback"
                + " TCP processing, charged to no process); steal is time the hypervisor gave to other virtual machines"
                + " while this one had work (a shared host's noise, invisible to every process here). Load average ="
                + " runnable threads, 1-minute mean.\n\n");
        b.append("| phase | seconds | busy | this run | others | softirq | steal | load average mean / max |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        r.load.forEach((phase, v) -> {
            if (v instanceof Map<?, ?> raw) {
                Map<String, Object> m = (Map<String, Object>) raw;
                b.append(fmt("| %s | %.0f | %.0f%% | %.0f%% | %.0f%% | %.0f%% | %s | %.2f / %.2f |\n", phase,
                        Targets.num(m, "seconds"), Targets.num(m, "machine_busy_percent"),
                        Targets.num(m, "this_run_percent"), Targets.num(m, "others_percent"),
                        Targets.num(m, "softirq_percent"), percentOrNa(Targets.num(m, "steal_percent")),
                        Targets.num(m, "load_average_mean"),
                        Targets.num(m, "load_average_max")));
            }
        });
        b.append('\n');
    }

    /** Results written before steal was recorded have none: "n/a", not 0%. */
    private static String percentOrNa(double value) {
        return Double.isNaN(value) ? "n/a" : fmt("%.1f%%", value);
    }

    private static void machine(StringBuilder b, Results r) {
        b.append("## Machine and settings\n\n");
        r.machine.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
        b.append("- heap caps (-Xmx of each JVM): ").append(r.heapCaps).append('\n');
        r.settings.forEach((k, v) -> b.append("- ").append(k.replace('_', ' ')).append(": ").append(v).append('\n'));
        b.append('\n');
    }

    private static void warmup(StringBuilder b, Results r) {
        b.append("## Warm-up\n\n");
        b.append(fmt("Before any figure, %s; %s s in all. What each round saw:\n\n", r.warmup.get("recipe"),
                r.warmup.get("seconds")));
        r.warmup.forEach((k, v) -> {
            if (k.startsWith("round")) {
                b.append("- ").append(k).append(": ").append(v).append('\n');
            }
        });
        b.append('\n');
    }

    /**
     * Which Portway processes carried the bytes, read off the CPU they used during the one-connection
     * bulk figure on the portway path (at least 10% of a core), so the report says what was measured
     * even when the architecture changes.
     */
    @SuppressWarnings("unchecked")
    private static String carriers(Results r) {
        if (!(r.cpu.get("bulk_1") instanceof Map<?, ?> byPath) || !(byPath.get("portway") instanceof Map<?, ?> procs)) {
            return "";
        }
        List<String> busy = ((Map<String, Object>) procs).entrySet().stream()
                .filter(e -> Benchmark.SUITE.contains(e.getKey()) || e.getKey().startsWith("agent"))
                .filter(e -> ((Number) e.getValue()).doubleValue() >= 10)
                .map(Map.Entry::getKey).toList();
        return busy.isEmpty() ? "" : " In this run the bulk bytes went through: **" + String.join(", ", busy)
                + "** (the Portway processes that used ≥ 10% of a core during the one-connection bulk figure).";
    }

    private static String cell(Figure f, String path) {
        if (!f.has(path)) {
            return "n/a";
        }
        return fmt("%s (%s–%s)", num(f.median(path)), num(f.min(path)), num(f.max(path)));
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) >= 100) {
            return fmt("%,.0f", v);
        }
        return v >= 100 ? fmt("%,.0f", v) : v >= 10 ? fmt("%.1f", v) : fmt("%.3g", v);
    }

    private static String ratio(double a, double b) {
        double q = a / b;
        return Double.isNaN(q) || Double.isInfinite(q) ? "n/a" : fmt("%.2f ×", q);
    }

    private static String kib(Object v) {
        return v instanceof Number n ? fmt("%,d", n.longValue()) : "";
    }

    private static String firstError(Object e) {
        return e == null ? "" : ", first: " + e;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
