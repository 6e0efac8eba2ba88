package dev.portway.systemtest.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A whole Portway suite on loopback: one allocator, one policy-engine, some bridges and edges, each a
 * separate JVM on free ports, with two accounts ("alice", "bob") and one address pool on host
 * "localhost".
 */
public final class Suite implements AutoCloseable {

    public static final String POOL_HOST = "localhost";
    public static final String ALICE = "alice";
    public static final String BOB = "bob";

    public final String serviceToken = "svc-" + UUID.randomUUID();
    public final String aliceToken = "alice-" + UUID.randomUUID();
    public final String bobToken = "bob-" + UUID.randomUUID();
    public final int[] poolPorts = Ports.poolRange(200);
    public final int allocatorGrpcPort = Ports.free();
    public final Path allocatorStore;
    public final ServiceProcess allocator;
    public final int policyEngineGrpcPort = Ports.free();
    public final Path policyEngineStore;
    public final ServiceProcess policyEngine;
    public final List<Bridge> bridges = new ArrayList<>();
    public final List<Edge> edges = new ArrayList<>();
    private final String name;

    public record Bridge(ServiceProcess process, int grpcPort) {
        public String target() {
            return "localhost:" + grpcPort;
        }
    }

    /** An edge, serving the pool's addresses on {@code bindIp}. */
    public record Edge(ServiceProcess process, String bindIp) {}

    private Suite(String name, int bridgeCount, int edgeCount) {
        this.name = name;
        try {
            allocatorStore = Files.createTempDirectory("portway-allocator").resolve("allocator.db");
            policyEngineStore = Files.createTempDirectory("portway-policy-engine").resolve("policy-engine.db");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        allocator = ServiceProcess.start("address-allocator", name + "-allocator", Ports.free(), allocatorProperties());
        ServiceProcess engine = null;
        try {
            allocator.awaitReady();
            // The policy-engine checks cloud endpoints' addresses with the allocator; bridges and edges need it.
            engine = ServiceProcess.start("policy-engine", name + "-policy-engine", Ports.free(),
                    policyEngineProperties());
            engine.awaitReady();
        } catch (RuntimeException | Error e) {
            if (engine != null) {
                engine.close();
            }
            allocator.close();
            throw e;
        }
        policyEngine = engine;
        try {
            for (int i = 0; i < bridgeCount; i++) {
                addBridge();
            }
            for (int i = 0; i < edgeCount; i++) {
                addEdge("127.0.0." + (i + 1));
            }
            bridges.forEach(b -> b.process().awaitReady());
            edges.forEach(e -> e.process().awaitReady());
        } catch (RuntimeException | Error e) {
            // A suite that fails to start must not leave its processes running.
            close();
            throw e;
        }
    }

    /** An allocator, {@code bridges} bridges and {@code edges} edges (edge i serves on 127.0.0.(i+1)). */
    public static Suite start(String name, int bridges, int edges) {
        return new Suite(name, bridges, edges);
    }

    private List<String> allocatorProperties() {
        List<String> p = new ArrayList<>(auth());
        p.add("quarkus.grpc.server.port=" + allocatorGrpcPort);
        p.add("portway.allocator.pools[0].host=" + POOL_HOST);
        p.add("portway.allocator.pools[0].ports=" + poolPorts[0] + "-" + poolPorts[1]);
        p.add("portway.allocator.store.path=" + allocatorStore);
        p.add("portway.allocator.ephemeral-lease=5s");
        return p;
    }

    private List<String> policyEngineProperties() {
        List<String> p = new ArrayList<>(auth());
        p.add("quarkus.grpc.server.port=" + policyEngineGrpcPort);
        p.add("portway.policy.allocator=localhost:" + allocatorGrpcPort);
        p.add("portway.policy.store.path=" + policyEngineStore);
        return p;
    }

    private List<String> auth() {
        return List.of(
                "portway.auth.service-token=" + serviceToken,
                "portway.auth.accounts." + ALICE + ".authtoken=" + aliceToken,
                "portway.auth.accounts." + BOB + ".authtoken=" + bobToken);
    }

    private void addBridge() {
        int grpc = Ports.free();
        List<String> p = new ArrayList<>(auth());
        p.add("quarkus.grpc.server.port=" + grpc);
        p.add("portway.bridge.allocator=localhost:" + allocatorGrpcPort);
        p.add("portway.bridge.lease-renew-interval=1s");
        p.add("portway.bridge.policy-engine=localhost:" + policyEngineGrpcPort);
        bridges.add(new Bridge(ServiceProcess.start("agent-bridge", name + "-bridge" + bridges.size(), Ports.free(), p),
                grpc));
    }

    private void addEdge(String bindIp) {
        // Edges never see user authtokens: only the service token.
        List<String> p = new ArrayList<>(List.of("portway.auth.service-token=" + serviceToken));
        p.add("portway.edge.allocator=localhost:" + allocatorGrpcPort);
        p.add("portway.edge.bridges=" + String.join(",", bridges.stream().map(Bridge::target).toList()));
        p.add("portway.edge.policy-engine=localhost:" + policyEngineGrpcPort);
        p.add("portway.edge.host-bindings." + POOL_HOST + "=" + bindIp);
        // Agents dial the edge that holds their client here.
        p.add("portway.edge.data-bind-address=127.0.0.1");
        p.add("portway.edge.data-port=" + Ports.free());
        p.add("portway.edge.data-advertised-host=127.0.0.1");
        edges.add(new Edge(ServiceProcess.start("edge-router", name + "-edge" + edges.size(), Ports.free(), p), bindIp));
    }

    public Bridge bridge() {
        return bridges.get(0);
    }

    public Edge edge() {
        return edges.get(0);
    }

    public AllocatorApi allocatorAs(String token) {
        return new AllocatorApi("localhost:" + allocatorGrpcPort, token);
    }

    public PolicyApi policyEngineAs(String token) {
        return new PolicyApi("localhost:" + policyEngineGrpcPort, token);
    }

    public String policyEngineTarget() {
        return "localhost:" + policyEngineGrpcPort;
    }

    /** Starts `portway tcp` for {@code upstreamPort} against bridge {@code bridge}. */
    public AgentProcess agent(String token, Bridge bridge, int upstreamPort, String url, String... extra) {
        List<String> args = new ArrayList<>(List.of("tcp", String.valueOf(upstreamPort),
                "--authtoken", token, "--bridge", bridge.target()));
        if (url != null) {
            args.add("--url");
            args.add(url);
        }
        args.addAll(List.of(extra));
        return AgentProcess.start(name + "-agent", args);
    }

    /** Runs any other `portway` command with exactly these arguments (e.g. `policy validate F`). */
    public AgentProcess cli(String... args) {
        return AgentProcess.start(name + "-cli", List.of(args));
    }

    @Override
    public void close() {
        edges.forEach(e -> e.process().close());
        bridges.forEach(b -> b.process().close());
        policyEngine.close();
        allocator.close();
    }
}
