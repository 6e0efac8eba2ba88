package dev.portway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How busy the machine was while each phase ran, and how much of that was this run. Every second
 * it reads /proc/stat (all CPU time on the machine) and the CPU time of every process of the run
 * (the harness itself including its reaped iperf3 clients); the difference is everybody else,
 * e.g. another engineer's build; and the time the hypervisor gave to other virtual machines while this one
 * wanted to run (steal), which no process here sees. Numbers are percent of the whole machine (all cores).
 */
final class LoadSampler implements AutoCloseable {

    private final long[] pids;
    private final long self = ProcessHandle.current().pid();
    private final Thread thread;
    private volatile String phase = "start";
    private volatile boolean running = true;
    private final Map<String, Acc> phases = new LinkedHashMap<>();
    private final int cores = Runtime.getRuntime().availableProcessors();

    /** Totals of one phase: machine ticks by kind, the run's own ticks, load average samples. */
    private static final class Acc {
        long total;
        long processBusy; // user + nice + system: what is charged to processes
        long softirq;
        long steal;
        long ours;
        double loadSum;
        double loadMax;
        int samples;
    }

    LoadSampler(Iterable<Long> pids) {
        this.pids = java.util.stream.StreamSupport.stream(pids.spliterator(), false).mapToLong(Long::longValue).toArray();
        this.thread = new Thread(this::loop, "load-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    void phase(String name) {
        phase = name;
    }

    private void loop() {
        long[] prevMachine = machine();
        long prevOurs = ours();
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long[] now = machine();
            long oursNow = ours();
            double load = loadAverage();
            synchronized (phases) {
                Acc a = phases.computeIfAbsent(phase, p -> new Acc());
                a.total += now[0] - prevMachine[0];
                a.processBusy += now[1] - prevMachine[1];
                a.softirq += now[2] - prevMachine[2];
                a.steal += now[3] - prevMachine[3];
                a.ours += oursNow - prevOurs;
                a.loadSum += load;
                a.loadMax = Math.max(a.loadMax, load);
                a.samples++;
            }
            prevMachine = now;
            prevOurs = oursNow;
        }
    }

    private long ours() {
        long sum = Math.max(0, Procs.cpuTicks(self, true));
        for (long pid : pids) {
            sum += Math.max(0, Procs.cpuTicks(pid, false));
        }
        return sum;
    }

    /** {total, user+nice+system, irq+softirq, steal} ticks of all CPUs from /proc/stat. */
    private static long[] machine() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long[] v = new long[f.length - 1];
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                v[i - 1] = Long.parseLong(f[i]);
                if (i <= 8) { // guest time is already inside user
                    total += v[i - 1];
                }
            }
            return new long[] {total, v[0] + v[1] + v[2], v[5] + v[6], v.length > 7 ? v[7] : 0};
        } catch (IOException | RuntimeException e) {
            return new long[4];
        }
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Per phase: % of the machine busy in processes, ours, others', softirq; load average. */
    Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        synchronized (phases) {
            for (Map.Entry<String, Acc> e : phases.entrySet()) {
                Acc a = e.getValue();
                if (a.total == 0) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("seconds", a.samples);
                m.put("machine_busy_percent", 100.0 * (a.processBusy + a.softirq) / a.total);
                m.put("this_run_percent", 100.0 * a.ours / a.total);
                m.put("others_percent", Math.max(0, 100.0 * (a.processBusy - a.ours) / a.total));
                m.put("softirq_percent", 100.0 * a.softirq / a.total);
                m.put("steal_percent", 100.0 * a.steal / a.total);
                m.put("load_average_mean", a.loadSum / a.samples);
                m.put("load_average_max", a.loadMax);
                out.put(e.getKey(), m);
            }
        }
        out.put("cores", cores);
        return out;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
