package dev.portway.allocator.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Configuration of the app under test: a fresh store in a temp dir, small pools, known tokens, short leases. */
public class AllocatorTestConfig implements QuarkusTestResourceLifecycleManager {

    public static final String SERVICE_TOKEN = "test-service-token";
    public static final String ALICE_TOKEN = "alice-test-token";
    public static final String BOB_TOKEN = "bob-test-token";

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("allocator-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.ofEntries(
                Map.entry("portway.allocator.store.path", dir.resolve("store/allocator.db").toString()),
                // a and b: random reservations only; fixed and other: specific ports only (no collisions between tests)
                Map.entry("portway.allocator.pools[0].host", "a.tcp.test"),
                Map.entry("portway.allocator.pools[0].ports", "20000-20099"),
                Map.entry("portway.allocator.pools[1].host", "b.tcp.test"),
                Map.entry("portway.allocator.pools[1].ports", "20000-20099"),
                Map.entry("portway.allocator.pools[2].host", "fixed.tcp.test"),
                Map.entry("portway.allocator.pools[2].ports", "40000-40049"),
                Map.entry("portway.allocator.pools[3].host", "fixed.tcp.test"),
                Map.entry("portway.allocator.pools[3].ports", "41000-41009"),
                Map.entry("portway.allocator.pools[4].host", "other.tcp.test"),
                Map.entry("portway.allocator.pools[4].ports", "40000-40009"),
                Map.entry("portway.allocator.pools[5].host", "tiny.tcp.test"),
                Map.entry("portway.allocator.pools[5].ports", "30000-30001"),
                Map.entry("portway.allocator.ephemeral-lease", "2s"),
                Map.entry("portway.allocator.lease-sweep-interval", "100ms"),
                Map.entry("portway.auth.service-token", SERVICE_TOKEN),
                Map.entry("portway.auth.accounts.alice.authtoken", ALICE_TOKEN),
                Map.entry("portway.auth.accounts.bob.authtoken", BOB_TOKEN));
    }

    @Override
    public void stop() {
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
