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

    private final Map<String, Long> pids;
    /** figure id → path → process → ticks; and the wall time of the same runs. */
    private final Map<String, Map<String, Map<String, Long>>> ticks = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> wallSeconds = new LinkedHashMap<>();

    CpuMeter(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
        this.pids.put("harness (incl. iperf3 client)", ProcessHandle.current().pid());
    }

    /** Ticks of every process now. */
    Map<String, Long> snapshot() {
        Map<String, Long> s = new LinkedHashMap<>();
        long self = ProcessHandle.current().pid();
        pids.forEach((name, pid) -> s.put(name, Procs.cpuTicks(pid, pid == self)));
        return s;
    }

    void record(String figure, String path, Map<String, Long> before, double seconds) {
        Map<String, Long> after = snapshot();
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
