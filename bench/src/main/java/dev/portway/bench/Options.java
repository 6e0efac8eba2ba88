package dev.portway.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code measure} is told by bench/run: where each path's upstreams answer, which processes
 * are whose, and how long to run.
 *
 * <pre>
 * measure --echo direct=PORT --echo haproxy=PORT --echo portway=PORT
 *         --iperf direct=PORT --iperf haproxy=PORT --iperf portway=PORT
 *         --portway-pid allocator=PID ... --other-pid haproxy=PID ...
 *         [--info key=value ...] [--quick] [--reps N] [--connections N] [--out DIR]
 * </pre>
 */
final class Options {

    /** The three paths, in the order they are measured and shown. */
    static final List<String> PATHS = List.of("direct", "haproxy", "portway");

    final Map<String, Integer> echoPorts = new LinkedHashMap<>();
    final Map<String, Integer> iperfPorts = new LinkedHashMap<>();
    /** Portway's own processes: allocator, bridge, edge and the agents. */
    final Map<String, Long> portwayPids = new LinkedHashMap<>();
    /** Everything else the run started: echo server, iperf3 server, HAProxy. */
    final Map<String, Long> otherPids = new LinkedHashMap<>();
    /** Facts only the script knows (git commit, where the jars came from, HAProxy's maxconn). */
    final Map<String, String> info = new LinkedHashMap<>();
    boolean quick;
    int reps = 3;
    int connections = 10_000;
    Path out = Path.of("bench/results");

    // Sizes of each figure, set from quick/full in parse().
    String bulkBytes;
    int roundTrips;
    int connectsPerRep;
    /**
     * Closed-loop clients of the rate figure. 8: on this 2-core machine HAProxy's rate peaks there (alternating
     * probes, 12,000 connections each: 4,160/s with 4 clients, 4,980 with 8, 4,650 with 16) and Portway's is
     * still rising (2,070, 2,260, 2,390): with 4, neither path was saturated (Portway's run left a quarter of
     * the machine idle).
     */
    int connectThreads = 8;
    int warmBulkSeconds;
    int warmRoundTrips;
    int warmConnects;
    /**
     * Portway's JVMs are what needs JIT warm-up (the other paths get one round): at least the
     * minimum, then more until a round is no faster than the one before, up to the maximum.
     */
    int portwayWarmRounds;
    int portwayMaxWarmRounds;

    static Options parse(String[] args) {
        Options o = new Options();
        boolean connectionsSet = false;
        for (int k = 0; k < args.length; k++) {
            String a = args[k];
            switch (a) {
                case "--quick" -> o.quick = true;
                case "--reps" -> o.reps = Integer.parseInt(args[++k]);
                case "--connections" -> {
                    o.connections = Integer.parseInt(args[++k]);
                    connectionsSet = true;
                }
                case "--out" -> o.out = Path.of(args[++k]);
                case "--echo" -> put(o.echoPorts, args[++k], Integer::parseInt);
                case "--iperf" -> put(o.iperfPorts, args[++k], Integer::parseInt);
                case "--portway-pid" -> put(o.portwayPids, args[++k], Long::parseLong);
                case "--other-pid" -> put(o.otherPids, args[++k], Long::parseLong);
                case "--info" -> put(o.info, args[++k], v -> v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        for (String p : PATHS) {
            if (!o.echoPorts.containsKey(p) || !o.iperfPorts.containsKey(p)) {
                throw new IllegalArgumentException("need --echo and --iperf for " + p);
            }
        }
        if (o.reps < 1) {
            throw new IllegalArgumentException("--reps must be at least 1");
        }
        if (o.quick) {
            o.bulkBytes = "128M";
            o.roundTrips = 5_000;
            o.connectsPerRep = 1_000;
            o.warmBulkSeconds = 1;
            o.warmRoundTrips = 2_000;
            o.warmConnects = 500;
            o.portwayWarmRounds = 1;
            o.portwayMaxWarmRounds = 1;
            if (!connectionsSet) {
                o.connections = 1_000;
            }
        } else {
            o.bulkBytes = "1G";
            o.roundTrips = 50_000;
            o.connectsPerRep = 5_000;
            o.warmBulkSeconds = 3;
            o.warmRoundTrips = 20_000;
            o.warmConnects = 15_000; // the connection path runs many methods once per connection: C2 needs many connections
            o.portwayWarmRounds = 2;
            o.portwayMaxWarmRounds = 5;
        }
        return o;
    }

    private static <T> void put(Map<String, T> map, String kv, java.util.function.Function<String, T> parse) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected name=value, got " + kv);
        }
        map.put(kv.substring(0, eq), parse.apply(kv.substring(eq + 1)));
    }
}
