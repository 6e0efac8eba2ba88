package dev.portway.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A JMH-free microbenchmark of {@link CompiledPolicy#evaluate} (not a test; run by hand):
 * <pre>
 * ./mvnw -B -q -o test-compile -f policy/pom.xml
 * java -cp "policy/target/classes:policy/target/test-classes:$(cat cp.txt)" dev.portway.policy.EvaluationBenchmark
 * </pre>
 * Each scenario is warmed up, then timed over several rounds; it prints nanoseconds per evaluation. A fresh
 * {@link ConnectionFacts} is built per iteration, as the edge does per connection.
 */
public final class EvaluationBenchmark {

    private static volatile Object sink;

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        EndpointFacts endpoint = EndpointFacts.ofUrl("ep_1", "tcp://1.tcp.example.com:12345");
        CompiledPolicy target = PolicyCompiler.compile("target", """
                on_tcp_connect:
                  - actions: [{type: restrict-ips, config: {allow: ["10.0.0.0/8", "2001:db8::/32"]}}]
                """, PolicyFormat.YAML, EndpointKind.AGENT);
        InternalTarget internal = InternalTarget.online(EndpointFacts.ofUrl("ep_2", "tcp://svc.internal:5432"), target);
        EvaluationContext context = new EvaluationContext(url -> Optional.of(internal), Clock.systemUTC(),
                new RateLimiter());

        bench("restrict-ips only (no CEL)", iterations, endpoint, context, """
                on_tcp_connect:
                  - actions: [{type: restrict-ips, config: {allow: ["10.0.0.0/8", "192.168.0.0/16", "2001:db8::/32"]}}]
                """, EndpointKind.AGENT);
        bench("1 expression + deny (not matching)", iterations, endpoint, context, """
                on_tcp_connect:
                  - expressions: ["conn.server_port == 22"]
                    actions: [{type: deny}]
                """, EndpointKind.AGENT);
        bench("issue example: expression + restrict-ips + forward-internal (+ target's restrict-ips)", iterations,
                endpoint, context, """
                on_tcp_connect:
                  - name: allow office
                    expressions: ["conn.server_port == 12345"]
                    actions:
                      - type: restrict-ips
                        config: { allow: ["10.0.0.0/8", "2001:db8::/32"] }
                      - type: forward-internal
                        config: { url: "tcp://svc.internal:5432" }
                """, EndpointKind.AGENT);
        bench("rate-limit by client IP (CEL bucket key) + inCidrRange expression", iterations, endpoint, context, """
                on_tcp_connect:
                  - expressions: ["inCidrRange(conn.client_ip, '10.0.0.0/8')"]
                    actions:
                      - type: rate-limit
                        config: { capacity: 1000000000, rate: 1s, bucket_key: conn.client_ip }
                """, EndpointKind.AGENT);
    }

    private static void bench(String name, int iterations, EndpointFacts endpoint, EvaluationContext context,
            String policyText, EndpointKind kind) throws Exception {
        CompiledPolicy policy = PolicyCompiler.compile("bench", policyText, PolicyFormat.YAML, kind);
        Instant now = Instant.now();
        String[] clients = {"10.1.2.3", "10.200.0.9", "2001:db8::1", "10.3.3.3"};
        ConnectionFacts[] facts = new ConnectionFacts[clients.length];
        for (int i = 0; i < clients.length; i++) {
            facts[i] = ConnectionFacts.of(clients[i], 40000, "192.0.2.1", 12345, now);
        }
        run(policy, iterations, endpoint, context, facts, now); // warm-up
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            best = Math.min(best, run(policy, iterations, endpoint, context, facts, now));
        }
        System.out.printf("%-90s %6d ns/connection (best of 5 rounds of %d)%n", name, best, iterations);
    }

    private static long run(CompiledPolicy policy, int iterations, EndpointFacts endpoint, EvaluationContext context,
            ConnectionFacts[] templates, Instant now) {
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            ConnectionFacts template = templates[i & 3];
            ConnectionFacts facts = ConnectionFacts.of(new java.net.InetSocketAddress(template.clientIp(), 40000 + (i & 1023)),
                    new java.net.InetSocketAddress(template.serverIp(), 12345), now);
            sink = policy.evaluate(facts, endpoint, context);
        }
        return (System.nanoTime() - start) / iterations;
    }
}
