package dev.portway.policyengine.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The app under test: a fresh store in a temp dir, known tokens, and an AddressService peer with known addresses. */
public class PolicyEngineTestConfig implements QuarkusTestResourceLifecycleManager {

    public static final String SERVICE_TOKEN = "test-service-token";
    public static final String ALICE_TOKEN = "alice-test-token";
    public static final String BOB_TOKEN = "bob-test-token";
    public static final String HOST = "a.tcp.test";

    private Path dir;
    private FakeAllocator allocator;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("policy-engine-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        allocator = new FakeAllocator(SERVICE_TOKEN).ephemeral("alice", HOST, 20900).reserved("bob", HOST, 20800);
        for (int port = 20001; port <= 20099; port++) {
            allocator.reserved("alice", HOST, port);
        }
        int port = allocator.start();
        return Map.ofEntries(
                Map.entry("portway.policy.store.path", dir.resolve("store/policy.db").toString()),
                Map.entry("portway.policy.allocator", "127.0.0.1:" + port),
                Map.entry("portway.auth.service-token", SERVICE_TOKEN),
                Map.entry("portway.auth.accounts.alice.authtoken", ALICE_TOKEN),
                Map.entry("portway.auth.accounts.bob.authtoken", BOB_TOKEN));
    }

    @Override
    public void stop() {
        if (allocator != null) {
            allocator.stop();
        }
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
