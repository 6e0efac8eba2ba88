package dev.portway.bench;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run: warm every path, measure every figure on every path, then memory with thousands of
 * idle connections, and write results.json, results.md and results.png.
 *
 * <p>Figures are measured figure by figure, and within a figure repetition by repetition with the
 * three paths in turn (the order rotating each repetition), so a slow drift of the machine's load
 * (other engineers' builds) spreads over all paths instead of landing on one.
 */
final class Benchmark {

    /** Processes counted as "the suite" for idle RSS and as the path for memory per connection. */
    static final List<String> SUITE = List.of("allocator", "policy", "bridge", "edge", "agent-echo");

    /** Round trips per path per turn of the interleaved latency figure: ~10-50 ms, shorter than a host's spells. */
    static final int LATENCY_BLOCK = 250;

    private final Options o;
    private final Results r = new Results();
    private final CpuMeter cpu;
    private final LoadSampler load;

    private Benchmark(Options o) {
        this.o = o;
        Map<String, Long> all = new LinkedHashMap<>(o.portwayPids);
        all.putAll(o.otherPids);
        this.cpu = new CpuMeter(all, o.portwayPids);
        this.load = new LoadSampler(all.values());
    }

    static int run(Options o) throws Exception {
        for (String name : SUITE) {
            if (!o.portwayPids.containsKey(name)) {
                throw new IllegalArgumentException("need --portway-pid " + name + "=PID");
            }
        }
        Benchmark b = new Benchmark(o);
        try {
            b.runAll();
        } catch (BrokenPath e) {
            // Figures of a path that does not carry bytes would be noise; keep the last results.
            System.out.println("bench: " + e.getMessage() + "; nothing written to " + o.out);
            return 1;
        } finally {
            b.load.close();
        }
        Report.write(b.r, o.out);
        System.out.println();
        System.out.print(Report.markdown(b.r));
        System.out.println("Results in " + o.out.toAbsolutePath());
        return 0;
    }

    private void runAll() throws Exception {
        long start = System.nanoTime();
        r.mode = o.quick ? "quick" : "full";
        r.startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        r.machine = Machine.describe(o.portwayPids.get("edge"));
        r.machine.putAll(o.info);
        o.portwayPids.forEach((name, pid) -> r.heapCaps.put(name, Procs.heapCap(pid)));
        o.otherPids.forEach((name, pid) -> r.heapCaps.put(name, Procs.heapCap(pid)));
        r.heapCaps.put("harness", Procs.heapCap(ProcessHandle.current().pid()));
        settings();
        log("Machine: %s cores, %s, kernel %s; load average at start %s", r.machine.get("cores (nproc)"),
                r.machine.get("cpu"), r.machine.get("kernel (uname -r)"), r.machine.get("load average at start"));
        log("Heap caps: %s", r.heapCaps);

        load.phase("idle");
        Thread.sleep(2000); // let startup work (JIT, first GC) settle before calling it idle
        r.memory.put("idle_after_start_kib", rss(o.portwayPids));

        for (String path : Options.PATHS) {
            preflight(path);
        }
        load.phase("warm-up");
        warmUp();

        bulk("bulk_1", "Bulk throughput, 1 connection", 1);
        bulk("bulk_8", "Bulk throughput, 8 connections", 8);
        latency();
        connections();
        load.phase("memory");
        memory();

        r.durationSeconds = Math.round((System.nanoTime() - start) / 1e8) / 10.0;
        r.cpu = cpu.summary();
        r.portwayThreads = cpu.portwayThreads();
        r.load = load.summary();
    }

    private void settings() {
        Map<String, Object> s = r.settings;
        s.put("repetitions", o.reps);
        s.put("bulk", "iperf3 -c 127.0.0.1 -p PORT -n " + o.bulkBytes + " [-P 8] -J (bytes in total over all"
                + " streams); figure = end.sum_received.bits_per_second; upstream iperf3 -s");
        s.put("round_trips_per_repetition", o.roundTrips);
        s.put("message_bytes", PingPong.MESSAGE_BYTES);
        s.put("connects_per_repetition", o.connectsPerRep);
        s.put("connect_threads", o.connectThreads);
        s.put("idle_connections_requested", o.connections);
        s.put("echo_upstream", "bench EchoServer (Java NIO, own JVM), the same process behind every path");
        s.put("path_order", "rotates each repetition: direct, haproxy, portway; then haproxy, portway, direct; ..."
                + " (round trips: all three paths in turns of " + LATENCY_BLOCK + ", the order rotating every turn;"
                + " each turn opens with one more round trip, after the path sat idle, timed apart)");
    }

    // ---- warm-up -------------------------------------------------------------------------

    private void warmUp() throws Exception {
        long start = System.nanoTime();
        String recipe = String.format(Locale.ROOT,
                "per path and round: iperf3 %d s on 1 connection and %d s on 8, %,d ping-pongs of %d B, %,d"
                        + " new connections (%d threads); direct and haproxy 1 round; portway at least %d round(s),"
                        + " then more while a round's 1-connection throughput or connection rate is still over 10%%"
                        + " better than the round before, at most %d (its JVMs are what the JIT has to compile;"
                        + " the harness and the echo server warm up on every path)",
                o.warmBulkSeconds, o.warmBulkSeconds, o.warmRoundTrips, PingPong.MESSAGE_BYTES, o.warmConnects,
                o.connectThreads, o.portwayWarmRounds, o.portwayMaxWarmRounds);
        log("Warm-up: %s", recipe);
        r.warmup.put("recipe", recipe);
        int round = 0;
        for (String path : List.of("direct", "haproxy")) {
            warmRound(++round, path);
        }
        double[] previous = null;
        for (int k = 1; k <= o.portwayMaxWarmRounds; k++) {
            double[] seen = warmRound(++round, "portway");
            boolean improving = previous == null || seen[0] > previous[0] * 1.1 || seen[1] > previous[1] * 1.1;
            previous = seen;
            if (k >= o.portwayWarmRounds && !improving) {
                break;
            }
        }
        r.warmup.put("seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
    }

    /** One warm-up round on a path; returns {1-connection Gbit/s, connections/s}. */
    private double[] warmRound(int round, String path) throws Exception {
        Map<String, Object> seen = new LinkedHashMap<>();
        try {
            Iperf.Result one = iperf(() -> Iperf.seconds(o.iperfPorts.get(path), o.warmBulkSeconds, 1));
            Iperf.Result eight = iperf(() -> Iperf.seconds(o.iperfPorts.get(path), o.warmBulkSeconds, 8));
            PingPong.Result pp = PingPong.run(o.echoPorts.get(path), o.warmRoundTrips, 120_000);
            ConnectRate.Result cr = ConnectRate.run(o.echoPorts.get(path), o.warmConnects, o.connectThreads, 120_000);
            seen.put("bulk_1_gbit_per_s", round2(one.gbitPerSecond()));
            seen.put("bulk_8_gbit_per_s", round2(eight.gbitPerSecond()));
            seen.put("rtt_p50_us", round2(pp.p50Nanos() / 1e3));
            seen.put("connects_per_s", Math.round(cr.perSecond()));
            seen.put("connect_errors", cr.errors());
            log("  warm %-8s %6.2f / %6.2f Gbit/s, rtt p50 %6.1f µs, %,6.0f connects/s, %d errors", path,
                    one.gbitPerSecond(), eight.gbitPerSecond(), pp.p50Nanos() / 1e3, cr.perSecond(), cr.errors());
            r.warmup.put("round " + round + " " + path, seen);
            return new double[] {one.gbitPerSecond(), cr.perSecond()};
        } catch (Exception e) {
            throw new BrokenPath("warm-up of the " + path + " path failed: " + e);
        }
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** A path that does not carry bytes: the run stops instead of measuring noise. */
    static final class BrokenPath extends RuntimeException {
        BrokenPath(String message) {
            super(message);
        }
    }

    /**
     * Each path must echo a byte before anything is measured (bounded: 30 s of attempts, as the
     * edge may still be starting to listen). A suite whose services come from different builds,
     * for instance, accepts connections and then resets them.
     */
    private void preflight(String path) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        java.net.InetSocketAddress echo = new java.net.InetSocketAddress("127.0.0.1", o.echoPorts.get(path));
        IOException last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                ConnectRate.once(echo);
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(500);
            }
        }
        throw new BrokenPath("the " + path + " path does not echo a byte within 30 s (last: " + last + ")");
    }

    // ---- figures -------------------------------------------------------------------------

    private void bulk(String id, String title, int streams) {
        load.phase(id);
        Figure f = add(new Figure(id, title, "Gbit/s", true, true));
        long timeout = o.quick ? 60 : 180;
        forEachRep(f, (path, rep) -> {
            Map<String, Long> before = cpu.snapshot();
            long t0 = System.nanoTime();
            Iperf.Result res = iperf(() -> Iperf.bytes(o.iperfPorts.get(path), o.bulkBytes, streams, timeout));
            cpu.record(id, path, before, (System.nanoTime() - t0) / 1e9);
            f.add(path, res.gbitPerSecond());
            return String.format(Locale.ROOT, "%7.2f Gbit/s (%.0f MiB in %.2f s)", res.gbitPerSecond(),
                    res.bytesReceived() / 1048576, res.seconds());
        });
    }

    /**
     * Each repetition opens one connection per path and takes {@link #LATENCY_BLOCK} round trips on each in turn
     * (see {@link PingPong#interleaved}) until every path made {@code roundTrips}: the paths share the host's
     * good and bad spells instead of each having its own minute. The first round trip of each turn, made after the
     * path sat idle through the others' turns, is a figure of its own. CPU is recorded for the three together.
     */
    private void latency() {
        load.phase("latency");
        Figure p50 = add(new Figure("rtt_p50", "Round trip 64 B, p50", "µs", false, true));
        Figure p99 = add(new Figure("rtt_p99", "Round trip 64 B, p99", "µs", false, true));
        Figure p999 = add(new Figure("rtt_p999", "Round trip 64 B, p99.9", "µs", false, true));
        Figure idleP50 = add(new Figure("rtt_idle_p50", "Round trip 64 B after the path sat idle, p50", "µs", false,
                true));
        Figure idleP99 = add(new Figure("rtt_idle_p99", "Round trip 64 B after the path sat idle, p99", "µs", false,
                true));
        Map<String, Integer> ports = new LinkedHashMap<>();
        Options.PATHS.forEach(path -> ports.put(path, o.echoPorts.get(path)));
        for (int rep = 0; rep < o.reps; rep++) {
            try {
                Thread.sleep(o.quick ? 300 : 1000);
                Map<String, Long> before = cpu.snapshot();
                long t0 = System.nanoTime();
                Map<String, PingPong.Turns> results = PingPong.interleaved(ports, o.roundTrips, LATENCY_BLOCK,
                        60_000 + o.roundTrips * 6L);
                cpu.record("latency", CpuMeter.ALL_PATHS, before, (System.nanoTime() - t0) / 1e9);
                for (Map.Entry<String, PingPong.Turns> e : results.entrySet()) {
                    String path = e.getKey();
                    PingPong.Result res = e.getValue().steady();
                    PingPong.Result idle = e.getValue().afterIdle();
                    int wrong = res.errors() + idle.errors();
                    if (wrong > 0) {
                        note("latency rep %d on %s: %d echoes came back with the wrong sequence number", rep + 1,
                                path, wrong);
                    }
                    p50.add(path, res.p50Nanos() / 1e3);
                    p99.add(path, res.p99Nanos() / 1e3);
                    p999.add(path, res.p999Nanos() / 1e3);
                    idleP50.add(path, idle.p50Nanos() / 1e3);
                    idleP99.add(path, idle.p99Nanos() / 1e3);
                    log("%-34s rep %d/%d  %-8s p50 %7.1f µs  p99 %7.1f µs  p99.9 %8.1f µs  max %8.1f µs"
                            + "  | first of a turn (%d): p50 %7.1f µs  p99 %7.1f µs", "Round trip 64 B", rep + 1,
                            o.reps, path, res.p50Nanos() / 1e3, res.p99Nanos() / 1e3, res.p999Nanos() / 1e3,
                            res.maxNanos() / 1e3, idle.roundTrips(), idle.p50Nanos() / 1e3, idle.p99Nanos() / 1e3);
                }
            } catch (Exception e) {
                note("latency rep %d failed: %s", rep + 1, e);
                for (String path : Options.PATHS) {
                    for (Figure f : List.of(p50, p99, p999, idleP50, idleP99)) {
                        f.add(path, Double.NaN);
                    }
                }
            }
        }
    }

    /**
     * Two measurements. One client at a time: the latency a connection sees from the path itself. Then {@code
     * connectThreads} clients back to back, enough to reach each path's highest rate on this machine: the sustained
     * rate, and the latency under that load (by Little's law, with 8 clients in flight, 2,000 connections/s means
     * 4 ms per connection on average: latency under saturation measures the queue, not the path).
     */
    private void connections() {
        load.phase("connections");
        Figure singleP50 = add(new Figure("connect_single_p50", "New connection to first byte, one client at a time, p50",
                "ms", false, true));
        Figure singleP99 = add(new Figure("connect_single_p99", "New connection to first byte, one client at a time, p99",
                "ms", false, true));
        forEachRep(singleP50, (path, rep) -> {
            ConnectRate.Result res = ConnectRate.run(o.echoPorts.get(path), o.connectsPerRep / 2, 1, 120_000);
            if (res.errors() > 0) {
                note("one-at-a-time connections rep %d on %s: %d errors, first: %s", rep + 1, path, res.errors(),
                        res.firstError());
            }
            singleP50.add(path, res.p50Nanos() / 1e6);
            singleP99.add(path, res.p99Nanos() / 1e6);
            return String.format(Locale.ROOT, "p50 %6.3f ms  p99 %6.3f ms  %d errors (%,d done, one at a time)",
                    res.p50Nanos() / 1e6, res.p99Nanos() / 1e6, res.errors(), res.completed());
        }, singleP99);
        Figure p50 = add(new Figure("connect_p50", "New connection to first byte, " + o.connectThreads
                + " clients at full speed, p50", "ms", false, true));
        Figure p99 = add(new Figure("connect_p99", "New connection to first byte, " + o.connectThreads
                + " clients at full speed, p99", "ms", false, true));
        Figure rate = add(new Figure("connect_rate", "New connections per second", "conn/s", true, true));
        Figure errors = add(new Figure("connect_errors", "New connection errors", "errors", false, false));
        forEachRep(p50, (path, rep) -> {
            Map<String, Long> before = cpu.snapshot();
            long t0 = System.nanoTime();
            ConnectRate.Result res = ConnectRate.run(o.echoPorts.get(path), o.connectsPerRep, o.connectThreads, 120_000);
            cpu.record("connections", path, before, (System.nanoTime() - t0) / 1e9);
            if (res.errors() > 0) {
                note("connections rep %d on %s: %d errors, first: %s", rep + 1, path, res.errors(), res.firstError());
            }
            p50.add(path, res.p50Nanos() / 1e6);
            p99.add(path, res.p99Nanos() / 1e6);
            rate.add(path, res.perSecond());
            errors.add(path, res.errors());
            return String.format(Locale.ROOT, "p50 %6.3f ms  p99 %6.3f ms  %,7.0f /s  %d errors (%,d done)",
                    res.p50Nanos() / 1e6, res.p99Nanos() / 1e6, res.perSecond(), res.errors(), res.completed());
        }, p99, rate, errors);
    }

    // ---- memory --------------------------------------------------------------------------

    private void memory() throws Exception {
        Thread.sleep(3000); // the connection figures' sockets finish closing on every hop
        Map<String, Long> idle = rss(o.portwayPids);
        r.memory.put("idle_after_load_kib", idle);
        r.memory.put("suite", SUITE);
        r.memory.put("idle_suite_after_start_mib", sumMiB(r.memory.get("idle_after_start_kib")));
        r.memory.put("idle_suite_after_load_mib", sumMiB(idle));
        r.memory.put("idle_all_portway_processes_after_load_mib",
                idle.values().stream().mapToLong(Long::longValue).sum() / 1024.0);
        log("Idle RSS after load (KiB): %s", idle);

        int n = capacity();
        r.memory.put("requested_connections", o.connections);
        r.memory.put("connections", n);
        Map<String, Object> paths = new LinkedHashMap<>();
        r.memory.put("paths", paths);
        if (o.otherPids.containsKey("haproxy")) {
            paths.put("haproxy", idleConnections("haproxy", Map.of("haproxy", o.otherPids.get("haproxy")), n));
        }
        Map<String, Long> suite = new LinkedHashMap<>();
        SUITE.forEach(name -> suite.put(name, o.portwayPids.get(name)));
        paths.put("portway", idleConnections("portway", suite, n));
    }

    /**
     * How many concurrent connections fit: each proxy process holds two sockets per connection
     * (edge: client + bridge; bridge: edge + agent; agent: bridge + upstream; HAProxy: client +
     * server), so where the open-file limit cannot be raised to 2 × 10,000 the run measures fewer
     * and says so (results.md and notes).
     */
    private int capacity() {
        long cap = o.connections;
        String reason = null;
        Map<String, Long> proxies = new LinkedHashMap<>();
        for (String name : List.of("edge", "bridge", "agent-echo")) {
            proxies.put(name, o.portwayPids.get(name));
        }
        if (o.otherPids.containsKey("haproxy")) {
            proxies.put("haproxy", o.otherPids.get("haproxy"));
        }
        for (Map.Entry<String, Long> e : proxies.entrySet()) {
            long limit = Procs.maxOpenFiles(e.getValue());
            int open = Procs.openFiles(e.getValue());
            // HAProxy sets its own limit to exactly what its maxconn needs; the JVMs keep a margin
            // for jars, epoll and gRPC sockets.
            long fits = e.getKey().equals("haproxy") ? (limit - open) / 2 - 16 : (limit - open - 500) / 2;
            if (fits < cap) {
                cap = fits;
                reason = String.format(Locale.ROOT, "%s: open-file limit %d with %d open, 2 sockets per connection",
                        e.getKey(), limit, open);
            }
        }
        long self = ProcessHandle.current().pid();
        long selfFits = Procs.maxOpenFiles(self) - Procs.openFiles(self) - 500;
        if (selfFits < cap) {
            cap = selfFits;
            reason = "harness: open-file limit " + Procs.maxOpenFiles(self);
        }
        if (reason != null) {
            r.memory.put("connections_limited_by", reason);
            note("memory measured with %,d concurrent connections instead of %,d: %s (ulimit -n could not be"
                    + " raised further on this machine)", cap, o.connections, reason);
        }
        return (int) Math.max(0, cap);
    }

    private Map<String, Object> idleConnections(String path, Map<String, Long> processes, int n) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("processes", new ArrayList<>(processes.keySet()));
        Map<String, Long> jvms = new LinkedHashMap<>(processes);
        jvms.values().removeIf(pid -> Procs.heapCap(pid).equals("not a JVM"));
        // Live heap first (its full GC may shrink a heap), so the RSS baseline comes after it.
        Map<String, Long> heapBefore = liveHeap(jvms);
        Map<String, Long> before = rss(processes);
        IdleConnections.Outcome[] opened = new IdleConnections.Outcome[1];
        Map<String, Long> after;
        Map<String, Long> heapAfter;
        IdleConnections.Outcome echoed;
        try (IdleConnections idle = IdleConnections.open(o.echoPorts.get(path), n, 200, 180_000, opened)) {
            Thread.sleep(3000); // let each process finish what the opening allocated
            after = rss(processes);
            heapAfter = liveHeap(jvms);
            echoed = idle.echoEach(500, 120_000);
        }
        Thread.sleep(2000);
        long growth = 0;
        Map<String, Long> growthBy = new LinkedHashMap<>();
        for (String name : processes.keySet()) {
            long g = after.get(name) - before.get(name);
            growthBy.put(name, g);
            growth += g;
        }
        int open = opened[0].succeeded();
        m.put("opened", open);
        m.put("open_failed", opened[0].failed());
        m.put("open_first_error", opened[0].firstError());
        m.put("open_seconds", opened[0].seconds());
        m.put("rss_before_kib", before);
        m.put("rss_after_kib", after);
        m.put("growth_kib", growthBy);
        m.put("growth_total_kib", growth);
        m.put("per_connection_kib", open > 0 ? (double) growth / open : Double.NaN);
        if (!jvms.isEmpty()) {
            long heapGrowth = 0;
            for (String name : jvms.keySet()) {
                heapGrowth += heapAfter.get(name) - heapBefore.get(name);
            }
            m.put("live_heap_before_kib", heapBefore);
            m.put("live_heap_with_connections_kib", heapAfter);
            m.put("live_heap_per_connection_kib", open > 0 ? (double) heapGrowth / open : Double.NaN);
        }
        m.put("echoed", echoed.succeeded());
        m.put("echo_failed", echoed.failed());
        m.put("echo_first_error", echoed.firstError());
        log("Memory %-8s %,d of %,d open in %.1f s (%d failed%s); RSS +%,d KiB = %.1f KiB/connection %s;"
                + " %,d still echo", path, open, n, opened[0].seconds(), opened[0].failed(),
                opened[0].firstError() == null ? "" : ", first: " + opened[0].firstError(), growth,
                open > 0 ? (double) growth / open : Double.NaN, growthBy, echoed.succeeded());
        return m;
    }

    // ---- helpers -------------------------------------------------------------------------

    @FunctionalInterface
    private interface Measurement {
        /** Measures one repetition of {@code path}, adds it to the figures, returns a log line. */
        String run(String path, int rep) throws Exception;
    }

    /**
     * Runs every repetition on every path, rotating the path order. A failed measurement adds NaN
     * to each figure it feeds (so no figure keeps a stale value) and a note.
     */
    private void forEachRep(Figure first, Measurement m, Figure... more) {
        List<String> paths = Options.PATHS;
        for (int rep = 0; rep < o.reps; rep++) {
            for (int k = 0; k < paths.size(); k++) {
                String path = paths.get((k + rep) % paths.size());
                try {
                    // Let the previous run's tail (closing sockets, GC, JIT) finish, so it is
                    // neither charged to this path's CPU nor competing with its timing.
                    Thread.sleep(o.quick ? 300 : 1000);
                    String line = m.run(path, rep);
                    log("%-34s rep %d/%d  %-8s %s", first.title.replaceAll(", p50$", ""), rep + 1, o.reps, path, line);
                } catch (Exception e) {
                    note("%s rep %d on %s failed: %s", first.id, rep + 1, path, e);
                    first.add(path, Double.NaN);
                    for (Figure f : more) {
                        f.add(path, Double.NaN);
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface IperfCall {
        Iperf.Result call() throws Exception;
    }

    /** iperf3's server takes one test at a time and needs a moment between tests: retry "busy". */
    private static Iperf.Result iperf(IperfCall call) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (IOException e) {
                if (attempt >= 3 || e.getMessage() == null || !e.getMessage().contains("busy")) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    private Figure add(Figure f) {
        r.figures.add(f);
        return f;
    }

    private static Map<String, Long> liveHeap(Map<String, Long> pids) {
        Map<String, Long> m = new LinkedHashMap<>();
        pids.forEach((name, pid) -> m.put(name, Jcmd.liveHeapKiB(pid)));
        return m;
    }

    private static Map<String, Long> rss(Map<String, Long> pids) {
        Map<String, Long> m = new LinkedHashMap<>();
        pids.forEach((name, pid) -> m.put(name, Procs.rssKiB(pid)));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static double sumMiB(Object kibByProcess) {
        Map<String, Object> m = (Map<String, Object>) kibByProcess;
        return SUITE.stream().mapToLong(name -> ((Number) m.get(name)).longValue()).sum() / 1024.0;
    }

    private void note(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        r.notes.add(line);
        System.out.println("NOTE: " + line);
    }

    private static void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
