package dev.portway.bench;

import java.util.Arrays;

/**
 * Entry point of the harness jar. {@code bench/run} starts everything (suite, upstreams, HAProxy)
 * and calls {@code measure}; the other commands are the pieces it needs from Java.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "echo-server" -> EchoServer.main(rest);
            case "free-ports" -> FreePorts.main(rest);
            case "measure" -> System.exit(Benchmark.run(Options.parse(rest)));
            case "report" -> Report.rerender(rest);
            case "probe" -> probe(rest);
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.err.println("""
                usage: java -jar portway-bench.jar COMMAND ...
                  echo-server PORT [THREADS]   NIO echo upstream on 127.0.0.1:PORT, until killed
                  free-ports N                 prints N free loopback TCP ports
                  measure OPTIONS              runs every figure (see Options); bench/run passes them
                  report DIR                   redraws DIR/results.md and DIR/results.png from DIR/results.json
                  probe PORT [N [THREADS]]     N round trips and N new connections to 127.0.0.1:PORT (an echo
                                               path), printed; for looking at one path by hand;
                                               THREADS 0: round trips only""");
    }

    private static void probe(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        PingPong.Result pp = PingPong.run(port, n, 60_000);
        System.out.printf(java.util.Locale.ROOT, "round trip: p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs%n",
                pp.p50Nanos() / 1e3, pp.p99Nanos() / 1e3, pp.p999Nanos() / 1e3, pp.maxNanos() / 1e3);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        if (threads == 0) {
            return;
        }
        ConnectRate.Result cr = ConnectRate.run(port, n, threads, 60_000);
        System.out.printf(java.util.Locale.ROOT, "connect to first byte: p50 %.3f ms, p99 %.3f ms, %.0f /s, %d errors%s%n",
                cr.p50Nanos() / 1e6, cr.p99Nanos() / 1e6, cr.perSecond(), cr.errors(),
                cr.firstError() == null ? "" : " (first: " + cr.firstError() + ")");
    }
}
