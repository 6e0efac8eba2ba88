package dev.portway.bridge.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * The bridge under test and its peers: a {@link TestAllocator} and, unless the init arg
 * {@code policy-engine} is {@code down}, a {@link TestPolicyEngine} (down: the bridge is pointed at a
 * loopback port nobody listens on). Both peers are injected into the test's fields of their type.
 * Each account has the authtoken {@code <account>-token}; tests that count reservations use their
 * own account.
 */
public class BridgeTestConfig implements QuarkusTestResourceLifecycleManager {

    static final String SERVICE_TOKEN = "bridge-test-service-token";
    static final String[] ACCOUNTS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"};

    /** Reserved by alice: ports 20001-20009. Reserved by bob: 20101-20109. */
    static final int ALICE_PORT = 20001;
    static final int BOB_PORT = 20101;

    private boolean policyEngineDown;
    private TestAllocator allocator;
    private TestPolicyEngine policyEngine;
    private String policyEngineAddress;

    static String token(String account) {
        return account + "-token";
    }

    @Override
    public void init(Map<String, String> initArgs) {
        policyEngineDown = "down".equals(initArgs.get("policy-engine"));
    }

    @Override
    public Map<String, String> start() {
        allocator = new TestAllocator(SERVICE_TOKEN);
        for (int i = 0; i < 9; i++) {
            allocator.reserved("alice", ALICE_PORT + i).reserved("bob", BOB_PORT + i);
        }
        int allocatorPort = allocator.start();
        if (policyEngineDown) {
            policyEngineAddress = "127.0.0.1:" + closedPort();
        } else {
            policyEngine = new TestPolicyEngine(SERVICE_TOKEN);
            policyEngineAddress = "127.0.0.1:" + policyEngine.start();
        }
        Map<String, String> config = new HashMap<>();
        config.put("portway.bridge.allocator", "127.0.0.1:" + allocatorPort);
        config.put("portway.bridge.policy-engine", policyEngineAddress);
        // Test clients do not send heartbeats; no test runs this long.
        config.put("portway.bridge.heartbeat-timeout", "5m");
        config.put("portway.auth.service-token", SERVICE_TOKEN);
        for (String account : ACCOUNTS) {
            config.put("portway.auth.accounts." + account + ".authtoken", token(account));
        }
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(allocator, new TestInjector.MatchesType(TestAllocator.class));
        if (policyEngine != null) {
            testInjector.injectIntoFields(policyEngine, new TestInjector.MatchesType(TestPolicyEngine.class));
        }
        testInjector.injectIntoFields(policyEngineAddress, new TestInjector.AnnotatedAndMatchesType(
                PolicyEngineAddress.class, String.class));
    }

    @Override
    public void stop() {
        try {
            allocator.stop();
            if (policyEngine != null) {
                policyEngine.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A loopback port that was free a moment ago: connecting to it is refused. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
