package dev.portway.policyengine.it;

import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.CloudEndpointEvent;
import dev.portway.api.v1.CreateCloudEndpointRequest;
import dev.portway.api.v1.DeleteCloudEndpointRequest;
import dev.portway.api.v1.EvaluatePolicyRequest;
import dev.portway.api.v1.EvaluatePolicyResponse;
import dev.portway.api.v1.GetCloudEndpointRequest;
import dev.portway.api.v1.InternalEndpoint;
import dev.portway.api.v1.ListCloudEndpointsRequest;
import dev.portway.api.v1.ListCloudEndpointsResponse;
import dev.portway.api.v1.PolicyConnection;
import dev.portway.api.v1.PolicyDecision;
import dev.portway.api.v1.PolicyEndpoint;
import dev.portway.api.v1.PolicyEndpointKind;
import dev.portway.api.v1.PolicyIssue;
import dev.portway.api.v1.PolicyLogEvent;
import dev.portway.api.v1.PolicyServiceGrpc.PolicyServiceBlockingStub;
import dev.portway.api.v1.UpdateCloudEndpointRequest;
import dev.portway.api.v1.ValidatePolicyRequest;
import dev.portway.api.v1.ValidatePolicyResponse;
import dev.portway.api.v1.WatchCloudEndpointsRequest;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Status.Code;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static dev.portway.policyengine.it.GrpcClients.failsWith;
import static dev.portway.policyengine.it.PolicyEngineTestConfig.ALICE_TOKEN;
import static dev.portway.policyengine.it.PolicyEngineTestConfig.BOB_TOKEN;
import static dev.portway.policyengine.it.PolicyEngineTestConfig.SERVICE_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives the real gRPC server through a real gRPC client; the allocator is an in-process AddressService peer on
 * a loopback port. The tests share one running engine, so each uses its own ports of alice's addresses.
 */
@QuarkusTest
@WithTestResource(PolicyEngineTestConfig.class)
class PolicyServiceGrpcTest {

    /** The CloudEndpoint example of the product reference (tcp-routing.md), exactly as written there. */
    private static final String REFERENCE_POLICY = """
            on_http_request:
            - actions:
              - type: forward-internal
                config:
                  url: tcp://example-service.internal:8443
            """;
    private static final String DENY_ALL = "on_tcp_connect: [{actions: [{type: deny}]}]";

    @GrpcClient("policy")
    Channel channel;

    @BeforeEach
    void checkServer() {
        GrpcClients.assertServerRunning(channel);
    }

    private PolicyServiceBlockingStub alice() {
        return GrpcClients.blocking(channel, ALICE_TOKEN);
    }

    private PolicyServiceBlockingStub bob() {
        return GrpcClients.blocking(channel, BOB_TOKEN);
    }

    private PolicyServiceBlockingStub service() {
        return GrpcClients.blocking(channel, SERVICE_TOKEN);
    }

    private static String url(int port) {
        return "tcp://a.tcp.test:" + port;
    }

    private static CreateCloudEndpointRequest.Builder create(int port, String policy) {
        return CreateCloudEndpointRequest.newBuilder().setUrl(url(port)).setTrafficPolicy(policy);
    }

    @Test
    void shouldValidateWithEveryErrorAndItsPlace() {
        // When
        ValidatePolicyResponse response = alice().validate(ValidatePolicyRequest.newBuilder()
                .setPolicy("""
                        on_tcp_connect:
                          - expressions: ["conn.server_port == "]
                            actions:
                              - type: restrict-ips
                                config: { allow: ["10.0.0.0/33"] }
                              - type: add-headers
                        """)
                .setEndpointKind(PolicyEndpointKind.POLICY_ENDPOINT_KIND_AGENT)
                .build());

        // Then
        assertFalse(response.getValid());
        assertEquals(List.of("on_tcp_connect[0].actions[1].type", "on_tcp_connect[0].expressions[0]",
                        "on_tcp_connect[0].actions[0].config.allow[0]"),
                response.getErrorsList().stream().map(PolicyIssue::getPath).toList());
        PolicyIssue cel = response.getErrors(1);
        assertEquals(PolicyIssue.Severity.ERROR, cel.getSeverity());
        assertEquals(0, cel.getRuleIndex());
        assertEquals(-1, cel.getActionIndex());
        assertEquals("expressions[0]", cel.getField());
        assertEquals("conn.server_port == ", cel.getExpression());
        assertEquals(List.of(1, 21), List.of(cel.getLine(), cel.getColumn()));
        assertTrue(cel.getMessage().startsWith("mismatched input '<EOF>'"), cel.getMessage());
    }

    @Test
    void shouldAcceptTheReferencePolicyOnACloudEndpointWithAWarning() {
        // When
        ValidatePolicyResponse response = service().validate(ValidatePolicyRequest.newBuilder()
                .setPolicy(REFERENCE_POLICY).setEndpointKind(PolicyEndpointKind.POLICY_ENDPOINT_KIND_CLOUD).build());

        // Then
        assertTrue(response.getValid(), response.toString());
        assertEquals(1, response.getWarningsCount());
        PolicyIssue warning = response.getWarnings(0);
        assertEquals(PolicyIssue.Severity.WARNING, warning.getSeverity());
        assertEquals("on_http_request", warning.getPhase());
        assertTrue(warning.getMessage().contains("its rules are applied at on_tcp_connect instead"),
                warning.getMessage());
    }

    @Test
    void shouldRefuseACloudPolicyWithoutAnUnconditionalEnding() {
        ValidatePolicyResponse response = alice().validate(ValidatePolicyRequest.newBuilder()
                .setPolicy("on_tcp_connect: [{expressions: ['conn.server_port == 1'], actions: [{type: deny}]}]")
                .setEndpointKind(PolicyEndpointKind.POLICY_ENDPOINT_KIND_CLOUD).build());
        assertFalse(response.getValid());
        assertTrue(response.getErrors(0).getMessage().startsWith("a cloud endpoint has no upstream of its own"),
                response.getErrors(0).getMessage());
    }

    @Test
    void shouldCreateGetListUpdateAndDeleteACloudEndpoint() {
        // When
        CloudEndpoint created = alice().createCloudEndpoint(create(20001, REFERENCE_POLICY)
                .setDescription("postgres").putMetadata("team", "db").build());

        // Then
        assertTrue(created.getId().startsWith("cep_"), created.getId());
        assertEquals("alice", created.getAccount());
        assertEquals(url(20001), created.getUrl());
        assertEquals(REFERENCE_POLICY, created.getTrafficPolicy());
        assertEquals(Map.of("team", "db"), created.getMetadataMap());
        assertEquals(1, created.getPolicyWarningsCount());
        assertTrue(created.getRevision() > 0);
        assertEquals(created, alice().getCloudEndpoint(GetCloudEndpointRequest.newBuilder().setId(created.getId()).build()));
        assertTrue(alice().listCloudEndpoints(ListCloudEndpointsRequest.getDefaultInstance()).getCloudEndpointsList()
                .contains(created));

        // When updated
        CloudEndpoint updated = alice().updateCloudEndpoint(UpdateCloudEndpointRequest.newBuilder()
                .setId(created.getId()).setTrafficPolicy(DENY_ALL).setDescription("closed").setPoolingEnabled(true)
                .build());

        // Then
        assertEquals(DENY_ALL, updated.getTrafficPolicy());
        assertEquals("closed", updated.getDescription());
        assertEquals(Map.of(), updated.getMetadataMap());
        assertTrue(updated.getPoolingEnabled());
        assertEquals(0, updated.getPolicyWarningsCount());
        assertEquals(created.getCreatedAt(), updated.getCreatedAt());
        assertTrue(updated.getRevision() > created.getRevision());

        // When deleted
        CloudEndpoint deleted = alice().deleteCloudEndpoint(DeleteCloudEndpointRequest.newBuilder()
                .setId(created.getId()).build()).getDeleted();

        // Then
        assertEquals(created.getId(), deleted.getId());
        failsWith(Code.NOT_FOUND, () -> alice().getCloudEndpoint(GetCloudEndpointRequest.newBuilder()
                .setId(created.getId()).build()));
    }

    @Test
    void shouldRefuseAnInvalidPolicyWithEveryErrorAndStoreNothing() {
        // When
        String refused = failsWith(Code.INVALID_ARGUMENT, () -> alice().createCloudEndpoint(create(20002, """
                on_tcp_connect:
                  - expressions: ["conn.client_pi == '1.2.3.4'"]
                    actions: [{type: forward-internal, config: {url: "tcp://db.example.com:5432"}}]
                """).build()));

        // Then every error is named, with its place
        assertTrue(refused.startsWith("traffic_policy is not valid for a cloud endpoint (3 errors; nothing was"
                + " stored):\n"), refused);
        assertTrue(refused.contains("on_tcp_connect[0].expressions[0] (at 1:5 of 'conn.client_pi == '1.2.3.4''):"
                + " conn has no field 'client_pi'"), refused);
        assertTrue(refused.contains("on_tcp_connect[0].actions[0].config.url: 'tcp://db.example.com:5432' is not an"
                + " internal endpoint URL"), refused);
        assertTrue(refused.contains("a cloud endpoint has no upstream of its own"), refused);
        // And nothing was stored: the URL is free for a valid policy
        assertTrue(alice().listCloudEndpoints(ListCloudEndpointsRequest.getDefaultInstance()).getCloudEndpointsList()
                .stream().noneMatch(e -> e.getUrl().equals(url(20002))));
        assertEquals(url(20002), alice().createCloudEndpoint(create(20002, DENY_ALL).build()).getUrl());
    }

    @Test
    void shouldRefuseAddressesTheAccountDidNotReserve() {
        // Another account's address
        String others = failsWith(Code.PERMISSION_DENIED,
                () -> alice().createCloudEndpoint(create(20800, DENY_ALL).build()));
        assertEquals("url tcp://a.tcp.test:20800 belongs to another account; use the URL of an address your account"
                + " reserved", others);
        // An address nobody reserved
        String free = failsWith(Code.FAILED_PRECONDITION,
                () -> alice().createCloudEndpoint(create(20950, DENY_ALL).build()));
        assertTrue(free.startsWith("url tcp://a.tcp.test:20950 is not an address your account reserved;"), free);
        // An ephemeral address (held by an agent)
        String ephemeral = failsWith(Code.FAILED_PRECONDITION,
                () -> alice().createCloudEndpoint(create(20900, DENY_ALL).build()));
        assertTrue(ephemeral.contains("is an ephemeral address"), ephemeral);
        // Not a tcp:// URL
        String malformed = failsWith(Code.INVALID_ARGUMENT, () -> alice().createCloudEndpoint(
                CreateCloudEndpointRequest.newBuilder().setUrl("http://a.tcp.test:1").setTrafficPolicy(DENY_ALL).build()));
        assertTrue(malformed.startsWith("url 'http://a.tcp.test:1' is not tcp://host:port"), malformed);
        // The service token acts for the account it names, and the address is checked for that account
        String forBob = failsWith(Code.PERMISSION_DENIED, () -> service().createCloudEndpoint(
                create(20003, DENY_ALL).setAccount("bob").build()));
        assertTrue(forBob.contains("belongs to another account"), forBob);
        assertEquals("alice", service().createCloudEndpoint(create(20003, DENY_ALL).setAccount("alice").build())
                .getAccount());
        // One cloud endpoint per URL
        String twice = failsWith(Code.ALREADY_EXISTS,
                () -> alice().createCloudEndpoint(create(20003, DENY_ALL).build()));
        assertTrue(twice.startsWith("url tcp://a.tcp.test:20003 already has a cloud endpoint"), twice);
    }

    @Test
    void shouldKeepOtherAccountsCloudEndpointsOutOfReach() {
        // Given
        CloudEndpoint alices = alice().createCloudEndpoint(create(20004, DENY_ALL).build());

        // Then bob can neither read, change nor delete it, nor act as alice
        failsWith(Code.PERMISSION_DENIED, () -> bob().getCloudEndpoint(GetCloudEndpointRequest.newBuilder()
                .setId(alices.getId()).build()));
        failsWith(Code.PERMISSION_DENIED, () -> bob().updateCloudEndpoint(UpdateCloudEndpointRequest.newBuilder()
                .setId(alices.getId()).setTrafficPolicy(DENY_ALL).build()));
        failsWith(Code.PERMISSION_DENIED, () -> bob().deleteCloudEndpoint(DeleteCloudEndpointRequest.newBuilder()
                .setId(alices.getId()).build()));
        String other = failsWith(Code.PERMISSION_DENIED, () -> bob().listCloudEndpoints(
                ListCloudEndpointsRequest.newBuilder().setAccount("alice").build()));
        assertTrue(other.contains("acts for account 'bob' only"), other);
        assertTrue(bob().listCloudEndpoints(ListCloudEndpointsRequest.getDefaultInstance()).getCloudEndpointsList()
                .isEmpty());
        failsWith(Code.UNAUTHENTICATED, () -> GrpcClients.blocking(channel, "wrong").listCloudEndpoints(
                ListCloudEndpointsRequest.getDefaultInstance()));
    }

    @Test
    void shouldPageThroughAnAccountsCloudEndpointsInUrlOrder() {
        // Given three of carol's (through the service token), on alice's... no: carol has none; use alice's 2001x
        for (int port : new int[] {20013, 20011, 20012}) {
            alice().createCloudEndpoint(create(port, DENY_ALL).build());
        }

        // When
        List<String> seen = new ArrayList<>();
        String token = "";
        do {
            ListCloudEndpointsResponse page = alice().listCloudEndpoints(ListCloudEndpointsRequest.newBuilder()
                    .setPageSize(2).setPageToken(token).build());
            page.getCloudEndpointsList().forEach(e -> seen.add(e.getUrl()));
            token = page.getNextPageToken();
        } while (!token.isEmpty());

        // Then
        List<String> mine = seen.stream().filter(u -> u.matches("tcp://a\\.tcp\\.test:2001[123]")).toList();
        assertEquals(List.of(url(20011), url(20012), url(20013)), mine);
        assertEquals(seen.stream().sorted().toList(), seen);
    }

    @Test
    void shouldStartAWatchWithASnapshotThenStreamEveryChange() throws Exception {
        // Given a cloud endpoint created before the watch
        CloudEndpoint before = alice().createCloudEndpoint(create(20020, DENY_ALL).build());
        BlockingQueue<CloudEndpointEvent> events = new LinkedBlockingQueue<>();
        Context.CancellableContext watch = Context.current().withCancellation();
        try {
            watch.run(() -> GrpcClients.async(channel, SERVICE_TOKEN)
                    .watchCloudEndpoints(WatchCloudEndpointsRequest.getDefaultInstance(), collect(events)));

            // Then the first event is a snapshot containing it
            CloudEndpointEvent snapshot = events.poll(20, TimeUnit.SECONDS);
            assertNotNull(snapshot);
            assertTrue(snapshot.hasSnapshot(), snapshot.toString());
            assertTrue(snapshot.getRevision() >= before.getRevision());
            assertTrue(snapshot.getSnapshot().getCloudEndpointsList().contains(before));

            // When one is created, updated and deleted
            CloudEndpoint during = alice().createCloudEndpoint(create(20021, REFERENCE_POLICY).build());
            alice().updateCloudEndpoint(UpdateCloudEndpointRequest.newBuilder().setId(during.getId())
                    .setTrafficPolicy(DENY_ALL).build());
            alice().deleteCloudEndpoint(DeleteCloudEndpointRequest.newBuilder().setId(during.getId()).build());

            // Then the three changes arrive in order, with growing revisions and the policy's warnings
            CloudEndpointEvent created = next(events, e -> e.hasCreated() && e.getCreated().getId().equals(during.getId()));
            CloudEndpointEvent updated = next(events, e -> e.hasUpdated() && e.getUpdated().getId().equals(during.getId()));
            CloudEndpointEvent deleted = next(events, e -> e.hasDeleted() && e.getDeleted().getId().equals(during.getId()));
            assertEquals(during, created.getCreated());
            assertEquals(1, created.getCreated().getPolicyWarningsCount());
            assertEquals(DENY_ALL, updated.getUpdated().getTrafficPolicy());
            assertTrue(created.getRevision() < updated.getRevision() && updated.getRevision() < deleted.getRevision());

            // And a watcher resuming from the snapshot's revision gets the same changes replayed
            BlockingQueue<CloudEndpointEvent> resumed = new LinkedBlockingQueue<>();
            watch.run(() -> GrpcClients.async(channel, SERVICE_TOKEN).watchCloudEndpoints(
                    WatchCloudEndpointsRequest.newBuilder().setResumeFromRevision(snapshot.getRevision()).build(),
                    collect(resumed)));
            CloudEndpointEvent replayed = next(resumed, e -> e.hasCreated() && e.getCreated().getId().equals(during.getId()));
            assertEquals(created.getRevision(), replayed.getRevision());

            // And a user watcher sees only its own account's
            BlockingQueue<CloudEndpointEvent> bobs = new LinkedBlockingQueue<>();
            watch.run(() -> GrpcClients.async(channel, BOB_TOKEN).watchCloudEndpoints(
                    WatchCloudEndpointsRequest.getDefaultInstance(), collect(bobs)));
            CloudEndpointEvent bobSnapshot = bobs.poll(20, TimeUnit.SECONDS);
            assertNotNull(bobSnapshot);
            assertEquals(0, bobSnapshot.getSnapshot().getCloudEndpointsCount());
        } finally {
            watch.cancel(null);
        }
    }

    @Test
    void shouldEvaluateAnInlinePolicyWithInternalEndpointsOverGrpc() {
        // Given a cloud policy: office IPs go to the database, after logging; everyone else is closed
        String policy = """
                on_tcp_connect:
                  - name: office
                    expressions: ["inCidrRanges(conn.client_ip, ['10.0.0.0/8', '2001:db8::/32'])"]
                    actions:
                      - type: set-vars
                        config: { vars: [ { who: "${conn.client_ip}" } ] }
                      - type: log
                        config: { metadata: { client: "${vars.who}", port: "${conn.server_port}" } }
                      - type: forward-internal
                        config: { url: "tcp://db.internal:5432" }
                  - actions: [{type: close-connection}]
                """;
        EvaluatePolicyRequest.Builder request = EvaluatePolicyRequest.newBuilder()
                .setPolicy(policy)
                .setEndpointKind(PolicyEndpointKind.POLICY_ENDPOINT_KIND_CLOUD)
                .setEndpoint(PolicyEndpoint.newBuilder().setId("cep_x").setUrl(url(20030)))
                .addInternalEndpoints(InternalEndpoint.newBuilder().setUrl("tcp://db.internal:5432").setOnline(true)
                        .setPolicy("on_tcp_connect: [{actions: [{type: restrict-ips, config: {deny: ['10.66.0.0/16']}}]}]"));

        // When an office IPv6 client connects
        EvaluatePolicyResponse office = alice().evaluate(request.setConnection(connection("2001:db8::5")).build());

        // Then it is forwarded, the target's policy lets it through, vars and events are reported
        PolicyDecision decision = office.getDecision();
        assertEquals(PolicyDecision.Outcome.FORWARD_INTERNAL, decision.getOutcome());
        assertEquals("tcp://db.internal:5432", decision.getForwardUrl());
        assertEquals(PolicyDecision.Outcome.ALLOW, decision.getNext().getOutcome());
        assertEquals(Map.of("who", "2001:db8::5"), decision.getVarsMap());
        PolicyLogEvent event = decision.getEvents(0);
        assertEquals(PolicyLogEvent.Kind.LOG, event.getKind());
        assertEquals("office", event.getRuleName());
        assertEquals(Map.of("client", "2001:db8::5", "port", "20030"), event.getMetadataMap());

        // When an office IPv4 client of the denied lab connects: the target's own policy closes it
        PolicyDecision lab = alice().evaluate(request.setConnection(connection("10.66.1.2")).build()).getDecision();
        assertEquals(PolicyDecision.Outcome.CLOSE, lab.getNext().getOutcome());
        assertEquals(PolicyDecision.CloseReason.RESTRICT_IPS, lab.getNext().getCloseReason());

        // When anyone else connects
        PolicyDecision stranger = alice().evaluate(request.setConnection(connection("192.0.2.9")).build()).getDecision();
        assertEquals(PolicyDecision.CloseReason.CLOSE_CONNECTION, stranger.getCloseReason());

        // When the database is offline
        PolicyDecision offline = alice().evaluate(request.setInternalEndpoints(0, request.getInternalEndpoints(0)
                .toBuilder().setOnline(false)).setConnection(connection("10.1.1.1")).build()).getDecision();
        assertEquals(PolicyDecision.CloseReason.FORWARD_TARGET_OFFLINE, offline.getCloseReason());

        // And a bad connection is refused naming the field
        String bad = failsWith(Code.INVALID_ARGUMENT, () -> alice().evaluate(request
                .setConnection(connection("not-an-ip")).build()));
        assertEquals("connection.client_ip 'not-an-ip' is not an IPv4 or IPv6 address", bad);
    }

    @Test
    void shouldEvaluateAStoredCloudEndpointsPolicyById() {
        // Given the reference's cloud endpoint
        CloudEndpoint stored = alice().createCloudEndpoint(create(20031, REFERENCE_POLICY).build());

        // When
        EvaluatePolicyResponse response = alice().evaluate(EvaluatePolicyRequest.newBuilder()
                .setCloudEndpointId(stored.getId())
                .setConnection(connection("203.0.113.5"))
                .addInternalEndpoints(InternalEndpoint.newBuilder().setUrl("tcp://example-service.internal:8443")
                        .setOnline(true))
                .build());

        // Then
        assertEquals(PolicyDecision.Outcome.FORWARD_INTERNAL, response.getDecision().getOutcome());
        assertEquals(stored.getId(), response.getDecision().getPolicyId());
        assertEquals(url(20031), response.getDecision().getEndpointUrl());
        assertEquals(1, response.getWarningsCount());
        // And bob cannot evaluate alice's
        failsWith(Code.PERMISSION_DENIED, () -> bob().evaluate(EvaluatePolicyRequest.newBuilder()
                .setCloudEndpointId(stored.getId()).setConnection(connection("203.0.113.5")).build()));
    }

    private static PolicyConnection connection(String clientIp) {
        return PolicyConnection.newBuilder().setClientIp(clientIp).setClientPort(50000)
                .setServerIp(clientIp.contains(":") ? "2001:db8:ffff::1" : "192.0.2.1").setServerPort(20030).build();
    }

    private static <T> StreamObserver<T> collect(BlockingQueue<T> events) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                events.add(value);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        };
    }

    private static CloudEndpointEvent next(BlockingQueue<CloudEndpointEvent> events, Predicate<CloudEndpointEvent> wanted)
            throws InterruptedException {
        while (true) {
            CloudEndpointEvent event = events.poll(20, TimeUnit.SECONDS);
            assertNotNull(event, "the expected event did not arrive");
            if (wanted.test(event)) {
                return event;
            }
        }
    }
}
