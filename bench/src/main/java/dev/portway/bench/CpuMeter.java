package dev.portway.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time each process of the run spent during one figure on one path, summed over the
 * repetitions and divided by their wall time: "% of one core" (200% = both cores of a 2-core
 * machine). This is what tells which hop dominates a figure, e.g. whether Portway's bulk rate is
 * bound by the edge, the bridge or the agent.
 */
final class CpuMeter {

    /** The path label of a figure that runs every path in turns: its Portway processes' threads count as Portway's. */
    static final String ALL_PATHS = "all three, interleaved";

    private final Map<String, Long> pids;
    /** figure id → path → process → ticks; and the wall time of the same runs. */
    private final Map<String, Map<String, Map<String, Long>>> ticks = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> wallSeconds = new LinkedHashMap<>();
    /** Portway's processes, whose threads are also counted by group on the portway path. */
    private final Map<String, Long> portwayPids;
    /** figure id → "process/thread group" → ticks, on the portway path only. */
    private final Map<String, Map<String, Long>> portwayThreads = new LinkedHashMap<>();

    CpuMeter(Map<String, Long> pids, Map<String, Long> portwayPids) {
        this.portwayPids = portwayPids;
        this.pids = new LinkedHashMap<>(pids);
        this.pids.put("harness (incl. iperf3 client)", ProcessHandle.current().pid());
    }

    /** Ticks of every process now, and of every thread group of Portway's processes. */
    Map<String, Long> snapshot() {
        Map<String, Long> s = new LinkedHashMap<>();
        long self = ProcessHandle.current().pid();
        pids.forEach((name, pid) -> s.put(name, Procs.cpuTicks(pid, pid == self)));
        portwayPids.forEach((name, pid) -> Procs.threadGroupTicks(pid)
                .forEach((group, ticks) -> s.put(name + "/" + group, ticks)));
        return s;
    }

    void record(String figure, String path, Map<String, Long> before, double seconds) {
        Map<String, Long> after = snapshot();
        if (path.equals("portway") || path.equals(ALL_PATHS)) {
            Map<String, Long> threads = portwayThreads.computeIfAbsent(figure, f -> new LinkedHashMap<>());
            after.forEach((key, a) -> {
                Long b = before.get(key);
                if (key.contains("/") && b != null) {
                    threads.merge(key, a - b, Long::sum);
                }
            });
        }
        after.keySet().removeIf(k -> k.contains("/"));
        Map<String, Long> acc = ticks.computeIfAbsent(figure, f -> new LinkedHashMap<>())
                .computeIfAbsent(path, p -> new LinkedHashMap<>());
        for (String name : after.keySet()) {
            long b = before.getOrDefault(name, -1L);
            long a = after.get(name);
            if (a >= 0 && b >= 0) {
                acc.merge(name, a - b, Long::sum);
            }
        }
        wallSeconds.computeIfAbsent(figure, f -> new LinkedHashMap<>()).merge(path, seconds, Double::sum);
    }

    /**
     * On the portway path: the busiest thread groups of Portway's processes per figure, % of one
     * core (at most 8 per figure, each at least 1%).
     */
    Map<String, Object> portwayThreads() {
        Map<String, Object> out = new LinkedHashMap<>();
        portwayThreads.forEach((figure, byGroup) -> {
            Map<String, Double> walls = wallSeconds.get(figure);
            double wall = walls.containsKey("portway") ? walls.get("portway") : walls.get(ALL_PATHS);
            Map<String, Object> top = new LinkedHashMap<>();
            byGroup.entrySet().stream()
                    .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
                    .limit(8)
                    .forEach(e -> {
                        double p = 100.0 * e.getValue() / Procs.TICKS_PER_SECOND / wall;
                        if (p >= 1) {
                            top.put(e.getKey(), Math.round(p * 10) / 10.0);
                        }
                    });
            out.put(figure, top);
        });
        return out;
    }

    Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        ticks.forEach((figure, byPath) -> {
            Map<String, Object> paths = new LinkedHashMap<>();
            byPath.forEach((path, byProcess) -> {
                double wall = wallSeconds.get(figure).get(path);
                Map<String, Object> percent = new LinkedHashMap<>();
                byProcess.forEach((name, t) -> {
                    double p = 100.0 * t / Procs.TICKS_PER_SECOND / wall;
                    if (p >= 0.5) { // leave out processes that were idle (the other paths' proxies)
                        percent.put(name, Math.round(p * 10) / 10.0);
                    }
                });
                paths.put(path, percent);
            });
            out.put(figure, paths);
        });
        return out;
    }
}
