package dev.portway.edge;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.Endpoint;
import dev.portway.policy.ConnectionFacts;
import dev.portway.policy.RateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What deciding one accepted client costs on the data path, by hand (not a test: no timing is asserted anywhere).
 * Per connection it does what {@link ClientAcceptor} does: build the {@link ConnectionFacts} from the socket
 * addresses, {@link ConnectionDecider#decide}, count the decisions; then, separately, what the connection's
 * {@code tcp_connection_closed} event costs to write as JSON (into a sink that drops it).
 *
 * <p>Run: {@code ./mvnw -B -q -o test-compile -pl edge-router}, then
 * {@code java -cp "edge-router/target/classes:edge-router/target/test-classes:$(cat cp.txt)" dev.portway.edge.DecisionCostBenchmark}
 * with the classpath from {@code ./mvnw -q -o dependency:build-classpath -pl edge-router -Dmdep.outputFile=$PWD/cp.txt}.
 */
public final class DecisionCostBenchmark {

    private static final int CONNECTIONS = 1_000_000;
    private static final int ROUNDS = 5;

    private DecisionCostBenchmark() {}

    public static void main(String[] args) {
        RoutingTable table = new RoutingTable(HostBindings.of(Map.of("localhost", "127.0.0.1"), "0.0.0.0"));
        table.replaceAddresses(List.of(address(20001), address(20002), address(20003), address(20004)));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(
                agent("ep-plain", 20001).build(),
                agent("ep-restrict", 20002).setTrafficPolicy(
                        "on_tcp_connect: [{actions: [{type: restrict-ips, config: {allow: ['10.0.0.0/8', '192.168.0.0/16', '2001:db8::/32']}}]}]").build(),
                agent("ep-pool-a", 20004).setPoolingEnabled(true).build(),
                agent("ep-pool-b", 20004).setPoolingEnabled(true).build(),
                agent("ep-pool-c", 20004).setPoolingEnabled(true).build(),
                Endpoint.newBuilder().setId("ep-internal").setUrl("tcp://example-service.internal:8443")
                        .setHost("example-service.internal").setPort(8443).setAccount("acme").setInternal(true)
                        .setTrafficPolicy("on_tcp_connect: [{actions: [{type: restrict-ips, config: {allow: ['10.0.0.0/8']}}]}]")
                        .build()));
        table.replaceCloudEndpoints(List.of(CloudEndpoint.newBuilder().setId("cep-1").setAccount("acme")
                .setUrl("tcp://localhost:20003").setTrafficPolicy("""
                        on_tcp_connect:
                          - expressions: ["conn.server_port == 20003"]
                            actions:
                              - type: restrict-ips
                                config: {allow: ["10.0.0.0/8", "2001:db8::/32"]}
                              - type: forward-internal
                                config: {url: "tcp://example-service.internal:8443"}
                          - actions: [{type: deny}]
                        """).build()));
        Routes routes = table.routes();
        ConnectionDecider decider = new ConnectionDecider(new RateLimiter(), Clock.systemUTC(), ConnectionDecider.UNIFORM);
        EdgeMetrics metrics = new EdgeMetrics(new SimpleMeterRegistry());
        EdgeEvents events = new EdgeEvents(true, line -> {
            if (line.isEmpty()) {
                throw new IllegalStateException();
            }
        });

        InetSocketAddress client = new InetSocketAddress("10.1.2.3", 40000);
        run("agent endpoint, no policy", decider, metrics, routes, client, 20001);
        run("agent endpoint, restrict-ips (3 CIDRs)", decider, metrics, routes, client, 20002);
        run("cloud endpoint: expression + restrict-ips + forward-internal, target's restrict-ips", decider, metrics,
                routes, client, 20003);
        run("3 pooled agent endpoints, no policy", decider, metrics, routes, client, 20004);
        runEvent(events, decider, routes, client);
    }

    private static void run(String name, ConnectionDecider decider, EdgeMetrics metrics, Routes routes,
                            InetSocketAddress client, int port) {
        BindAddress at = new BindAddress("127.0.0.1", port);
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        long sink = 0;
        double best = Double.MAX_VALUE;
        for (int round = -2; round < ROUNDS; round++) { // two warm-up rounds
            long start = System.nanoTime();
            for (int i = 0; i < CONNECTIONS; i++) {
                Admission admission = decider.decide(routes, at, ConnectionFacts.of(client, server, Instant.now()));
                metrics.countDecisions(admission);
                sink += admission instanceof Admission.Route ? 1 : 2;
            }
            double nanosEach = (System.nanoTime() - start) / (double) CONNECTIONS;
            if (round >= 0) {
                best = Math.min(best, nanosEach);
            }
        }
        System.out.printf("%-90s %7.3f us per connection (best of %d x %,d; check %d)%n", name, best / 1000, ROUNDS,
                CONNECTIONS, sink % 7);
    }

    private static void runEvent(EdgeEvents events, ConnectionDecider decider, Routes routes, InetSocketAddress client) {
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", 20003);
        ConnectionFacts facts = ConnectionFacts.of(client, server, Instant.now());
        Admission admission = decider.decide(routes, new BindAddress("127.0.0.1", 20003), facts);
        double best = Double.MAX_VALUE;
        for (int round = -2; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < CONNECTIONS; i++) {
                events.connectionClosed(admission, facts, 12, 4096, 8192, "done");
            }
            double nanosEach = (System.nanoTime() - start) / (double) CONNECTIONS;
            if (round >= 0) {
                best = Math.min(best, nanosEach);
            }
        }
        System.out.printf("%-90s %7.3f us per connection (best of %d x %,d)%n",
                "tcp_connection_closed event written as JSON (forward-internal)", best / 1000, ROUNDS, CONNECTIONS);
    }

    private static Address address(int port) {
        return Address.newBuilder().setId("a" + port).setHost("localhost").setPort(port).setAccount("acme").build();
    }

    private static Endpoint.Builder agent(String id, int port) {
        return Endpoint.newBuilder().setId(id).setUrl("tcp://localhost:" + port).setHost("localhost").setPort(port)
                .setAccount("acme");
    }
}
