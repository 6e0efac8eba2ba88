package dev.portway.allocator.it;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.AddressEvent;
import dev.portway.api.v1.AddressKind;
import dev.portway.api.v1.AddressRef;
import dev.portway.api.v1.AddressServiceGrpc.AddressServiceBlockingStub;
import dev.portway.api.v1.GetAddressRequest;
import dev.portway.api.v1.HostPort;
import dev.portway.api.v1.ListAddressesRequest;
import dev.portway.api.v1.ListAddressesResponse;
import dev.portway.api.v1.ListPoolsRequest;
import dev.portway.api.v1.Pool;
import dev.portway.api.v1.ReleaseAddressRequest;
import dev.portway.api.v1.RenewLeasesRequest;
import dev.portway.api.v1.ReserveAddressRequest;
import dev.portway.api.v1.WatchAddressesRequest;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static dev.portway.allocator.it.AllocatorTestConfig.ALICE_TOKEN;
import static dev.portway.allocator.it.AllocatorTestConfig.BOB_TOKEN;
import static dev.portway.allocator.it.AllocatorTestConfig.SERVICE_TOKEN;
import static dev.portway.allocator.it.GrpcClients.failsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives the real gRPC server through a real gRPC client. The tests share one running allocator, so each
 * uses its own accounts and ports.
 */
@QuarkusTest
@WithTestResource(AllocatorTestConfig.class)
class AddressServiceGrpcTest {

    @GrpcClient("allocator")
    Channel channel;

    @BeforeEach
    void checkServer() {
        GrpcClients.assertServerRunning(channel);
    }

    private AddressServiceBlockingStub alice() {
        return GrpcClients.blocking(channel, "Bearer " + ALICE_TOKEN);
    }

    private AddressServiceBlockingStub bob() {
        return GrpcClients.blocking(channel, "Bearer " + BOB_TOKEN);
    }

    private AddressServiceBlockingStub service() {
        return GrpcClients.blocking(channel, "Bearer " + SERVICE_TOKEN);
    }

    private static ReserveAddressRequest.Builder reserve() {
        return ReserveAddressRequest.newBuilder();
    }

    private static AddressRef byId(String id) {
        return AddressRef.newBuilder().setId(id).build();
    }

    @Test
    void shouldReserveARandomAddressForTheCallersAccount() {
        // When
        Address address = alice().reserve(reserve().setDescription("ssh").putMetadata("team", "infra").build());

        // Then
        assertEquals("alice", address.getAccount());
        assertTrue(address.getId().startsWith("ad_"), address.getId());
        assertTrue(List.of("a.tcp.test", "b.tcp.test", "fixed.tcp.test", "other.tcp.test", "tiny.tcp.test")
                .contains(address.getHost()), address.getHost());
        assertEquals(AddressKind.ADDRESS_KIND_RESERVED, address.getKind());
        assertFalse(address.hasLeaseExpiresAt());
        assertTrue(address.getRevision() > 0);
        assertEquals(Map.of("team", "infra"), address.getMetadataMap());
        assertEquals(address, alice().get(GetAddressRequest.newBuilder().setAddress(byId(address.getId())).build()));
        // released again, so that it cannot collide with the specific ports other tests ask for
        alice().release(ReleaseAddressRequest.newBuilder().setAddress(byId(address.getId())).build());
    }

    @Test
    void shouldReserveTheSpecificHostAndPortAskedFor() {
        // When a bridge reserves for an account with the service token
        Address address = service().reserve(reserve().setAccount("carol").setHost("FIXED.TCP.test").setPort(40042).build());

        // Then
        assertEquals("fixed.tcp.test", address.getHost());
        assertEquals(40042, address.getPort());
        assertEquals("carol", address.getAccount());
    }

    @Test
    void shouldRefuseBadReservationsWithTheFieldAndWhatToDo() {
        String malformed = failsWith(Code.INVALID_ARGUMENT, () -> alice().reserve(reserve().setHost("bad_host!").build()));
        assertTrue(malformed.contains("host 'bad_host!' is not a DNS name"), malformed);

        String tooHigh = failsWith(Code.INVALID_ARGUMENT, () -> alice().reserve(reserve().setPort(70000).build()));
        assertTrue(tooHigh.contains("port 70000 is not a TCP port; use 1-65535"), tooHigh);

        String unsignedHuge = failsWith(Code.INVALID_ARGUMENT, () -> alice().reserve(reserve().setPort(-1).build()));
        assertTrue(unsignedHuge.contains("port 4294967295"), unsignedHuge);

        String notPool = failsWith(Code.INVALID_ARGUMENT, () -> alice().reserve(reserve().setHost("c.tcp.test").build()));
        assertTrue(notPool.contains("not a pool host; use one of: a.tcp.test, b.tcp.test, fixed.tcp.test, other.tcp.test, tiny.tcp.test"), notPool);

        String outside = failsWith(Code.OUT_OF_RANGE,
                () -> alice().reserve(reserve().setHost("fixed.tcp.test").setPort(22).build()));
        assertTrue(outside.contains("port 22 is outside every pool of host 'fixed.tcp.test'"), outside);
        assertTrue(outside.contains("fixed.tcp.test:40000-40049, fixed.tcp.test:41000-41009"), outside);

        String description = failsWith(Code.INVALID_ARGUMENT,
                () -> alice().reserve(reserve().setDescription("x".repeat(257)).build()));
        assertTrue(description.startsWith("description is 257 characters long; at most 256"), description);

        ReserveAddressRequest.Builder many = reserve();
        IntStream.range(0, 17).forEach(i -> many.putMetadata("k" + i, "v"));
        String entries = failsWith(Code.INVALID_ARGUMENT, () -> alice().reserve(many.build()));
        assertTrue(entries.contains("metadata has 17 entries; at most 16"), entries);

        String key = failsWith(Code.INVALID_ARGUMENT,
                () -> alice().reserve(reserve().putMetadata("k".repeat(64), "v").build()));
        assertTrue(key.contains("keys may have at most 63"), key);

        String value = failsWith(Code.INVALID_ARGUMENT,
                () -> alice().reserve(reserve().putMetadata("k", "v".repeat(257)).build()));
        assertTrue(value.contains("values may have at most 256"), value);
    }

    @Test
    void shouldRefuseAHostPortAlreadyHeld() {
        // Given
        alice().reserve(reserve().setHost("fixed.tcp.test").setPort(41001).build());

        // When / Then
        String taken = failsWith(Code.ALREADY_EXISTS,
                () -> bob().reserve(reserve().setHost("fixed.tcp.test").setPort(41001).build()));
        assertTrue(taken.startsWith("fixed.tcp.test:41001 is already reserved;"), taken);
    }

    @Test
    void shouldReportExhaustedPools() {
        // Given both ports of tiny.tcp.test
        service().reserve(reserve().setAccount("erin").setHost("tiny.tcp.test").build());
        service().reserve(reserve().setAccount("erin").setHost("tiny.tcp.test").build());

        // When / Then
        String exhausted = failsWith(Code.RESOURCE_EXHAUSTED,
                () -> service().reserve(reserve().setAccount("erin").setHost("tiny.tcp.test").build()));
        assertTrue(exhausted.contains("every port of tiny.tcp.test:30000-30001 is reserved"), exhausted);
        Pool tiny = service().listPools(ListPoolsRequest.getDefaultInstance()).getPoolsList().stream()
                .filter(p -> p.getHost().equals("tiny.tcp.test")).findFirst().orElseThrow();
        assertEquals(List.of(30000, 30001, 2, 0),
                List.of(tiny.getPortMin(), tiny.getPortMax(), tiny.getReserved(), tiny.getFree()));
    }

    @Test
    void shouldKeepOtherAccountsAddressesOutOfReach() {
        // Given
        Address alices = alice().reserve(reserve().setHost("fixed.tcp.test").setPort(41002).build());

        // When / Then bob can neither read nor release it, by id or by host:port
        failsWith(Code.PERMISSION_DENIED,
                () -> bob().get(GetAddressRequest.newBuilder().setAddress(byId(alices.getId())).build()));
        String denied = failsWith(Code.PERMISSION_DENIED, () -> bob().release(ReleaseAddressRequest.newBuilder()
                .setAddress(AddressRef.newBuilder().setHostPort(HostPort.newBuilder().setHost("fixed.tcp.test").setPort(41002)))
                .build()));
        assertTrue(denied.contains("belongs to another account"), denied);
        // nor act as alice with his own token
        String other = failsWith(Code.PERMISSION_DENIED,
                () -> bob().reserve(reserve().setAccount("alice").build()));
        assertTrue(other.contains("acts for account 'bob' only"), other);

        // And alice can release it; releasing again is NOT_FOUND
        Address released = alice().release(ReleaseAddressRequest.newBuilder().setAddress(byId(alices.getId())).build())
                .getReleased();
        assertEquals(alices.getId(), released.getId());
        assertTrue(released.getRevision() > alices.getRevision());
        failsWith(Code.NOT_FOUND,
                () -> alice().release(ReleaseAddressRequest.newBuilder().setAddress(byId(alices.getId())).build()));
        String noRef = failsWith(Code.INVALID_ARGUMENT, () -> alice().get(GetAddressRequest.getDefaultInstance()));
        assertTrue(noRef.contains("address is required"), noRef);
    }

    @Test
    void shouldPageThroughAnAccountsAddressesInHostThenPortOrder() {
        // Given five addresses of frank
        service().reserve(reserve().setAccount("frank").setHost("other.tcp.test").setPort(40005).build());
        for (int port : new int[] {41009, 40030, 40010, 40020}) {
            service().reserve(reserve().setAccount("frank").setHost("fixed.tcp.test").setPort(port).build());
        }

        // When
        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListAddressesResponse page = service().list(ListAddressesRequest.newBuilder()
                    .setAccount("frank").setPageSize(2).setPageToken(token).build());
            page.getAddressesList().forEach(a -> seen.add(a.getHost() + ":" + a.getPort()));
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());

        // Then
        assertEquals(List.of("fixed.tcp.test:40010", "fixed.tcp.test:40020", "fixed.tcp.test:40030",
                "fixed.tcp.test:41009", "other.tcp.test:40005"), seen);
        assertEquals(3, pages);
        assertEquals(5, service().list(ListAddressesRequest.newBuilder().setAccount("frank").build())
                .getAddressesCount());

        // And a token of frank's listing is refused for another account
        String firstToken = service().list(ListAddressesRequest.newBuilder().setAccount("frank").setPageSize(1).build())
                .getNextPageToken();
        String refused = failsWith(Code.INVALID_ARGUMENT, () -> service().list(ListAddressesRequest.newBuilder()
                .setAccount("grace").setPageToken(firstToken).build()));
        assertTrue(refused.contains("page_token"), refused);
    }

    @Test
    void shouldStartAWatchWithASnapshotThenStreamChanges() throws Exception {
        // Given an address reserved before the watch
        Address before = service().reserve(reserve().setAccount("heidi").setHost("a.tcp.test").build());
        BlockingQueue<AddressEvent> events = new LinkedBlockingQueue<>();
        Context.CancellableContext watch = Context.current().withCancellation();

        try {
            watch.run(() -> GrpcClients.async(channel, SERVICE_TOKEN)
                    .watch(WatchAddressesRequest.getDefaultInstance(), collect(events)));

            // Then the first event is a snapshot containing it
            AddressEvent snapshot = events.poll(10, TimeUnit.SECONDS);
            assertNotNull(snapshot);
            assertTrue(snapshot.hasSnapshot());
            assertTrue(snapshot.getRevision() >= before.getRevision());
            assertTrue(snapshot.getSnapshot().getAddressesList().contains(before));

            // When an address is reserved and released
            Address during = service().reserve(reserve().setAccount("heidi").setHost("a.tcp.test").build());
            service().release(ReleaseAddressRequest.newBuilder().setAccount("heidi").setAddress(byId(during.getId()))
                    .build());

            // Then both changes arrive, in order, with growing revisions
            AddressEvent reserved = next(events, e -> e.hasReserved() && e.getReserved().getId().equals(during.getId()));
            AddressEvent released = next(events, e -> e.hasReleased() && e.getReleased().getId().equals(during.getId()));
            assertEquals(during, reserved.getReserved());
            assertTrue(released.getRevision() > reserved.getRevision());

            // And a watcher resuming from the snapshot's revision gets the same changes replayed
            BlockingQueue<AddressEvent> resumed = new LinkedBlockingQueue<>();
            watch.run(() -> GrpcClients.async(channel, SERVICE_TOKEN).watch(WatchAddressesRequest.newBuilder()
                    .setResumeFromRevision(snapshot.getRevision()).build(), collect(resumed)));
            AddressEvent replayed = next(resumed, e -> e.hasReserved() && e.getReserved().getId().equals(during.getId()));
            assertEquals(reserved.getRevision(), replayed.getRevision());
        } finally {
            watch.cancel(null);
        }
    }

    @Test
    void shouldShowUserWatchersOnlyTheirOwnAddresses() throws Exception {
        BlockingQueue<AddressEvent> events = new LinkedBlockingQueue<>();
        Context.CancellableContext watch = Context.current().withCancellation();
        try {
            watch.run(() -> GrpcClients.async(channel, BOB_TOKEN)
                    .watch(WatchAddressesRequest.getDefaultInstance(), collect(events)));
            AddressEvent snapshot = events.poll(10, TimeUnit.SECONDS);
            assertNotNull(snapshot);
            assertTrue(snapshot.getSnapshot().getAddressesList().stream().allMatch(a -> a.getAccount().equals("bob")));

            Address alices = alice().reserve(reserve().setHost("a.tcp.test").build());
            Address bobs = bob().reserve(reserve().setHost("a.tcp.test").build());

            AddressEvent first = next(events, e -> true);
            assertEquals(bobs.getId(), first.getReserved().getId(), "alice's " + alices.getId() + " must not show");
        } finally {
            watch.cancel(null);
        }
    }

    @Test
    void shouldGiveAnEphemeralAddressBackOnReconnectAndReleaseItWhenItsLeaseRunsOut() throws Exception {
        // Given an agent's ephemeral address
        Address first = service().reserve(reserve().setAccount("ivan").setHost("b.tcp.test").setEphemeral(true).build());
        assertEquals(AddressKind.ADDRESS_KIND_EPHEMERAL, first.getKind());
        assertTrue(first.hasLeaseExpiresAt());

        // When the agent reconnects and asks for it again, it gets it back
        Address again = service().reserve(reserve().setAccount("ivan").setEphemeral(true)
                .setHost(first.getHost()).setPort(first.getPort()).build());
        assertEquals(first.getId(), again.getId());
        assertEquals(List.of(), service().renewLeases(RenewLeasesRequest.newBuilder()
                .addAddressIds(first.getId()).build()).getMissingIdsList());

        // Then once nobody renews it, the sweeper releases it and watchers are told
        BlockingQueue<AddressEvent> events = new LinkedBlockingQueue<>();
        Context.CancellableContext watch = Context.current().withCancellation();
        try {
            watch.run(() -> GrpcClients.async(channel, SERVICE_TOKEN)
                    .watch(WatchAddressesRequest.getDefaultInstance(), collect(events)));
            next(events, e -> e.hasReleased() && e.getReleased().getId().equals(first.getId()));
        } finally {
            watch.cancel(null);
        }
        assertEquals(List.of(first.getId()), service().renewLeases(RenewLeasesRequest.newBuilder()
                .addAddressIds(first.getId()).build()).getMissingIdsList());
    }

    @Test
    void shouldRefuseCallsWithoutAValidToken() {
        String missing = failsWith(Code.UNAUTHENTICATED,
                () -> GrpcClients.blocking(channel, null).listPools(ListPoolsRequest.getDefaultInstance()));
        assertTrue(missing.contains("--authtoken"), missing);

        String unknown = failsWith(Code.UNAUTHENTICATED,
                () -> GrpcClients.blocking(channel, "Bearer not-a-token").reserve(reserve().build()));
        assertTrue(unknown.contains("--authtoken"), unknown);
        assertFalse(unknown.contains("not-a-token"), "the token must not be echoed");

        failsWith(Code.UNAUTHENTICATED,
                () -> GrpcClients.blocking(channel, "Basic " + ALICE_TOKEN).reserve(reserve().build()));
    }

    @Test
    void shouldRequireAnAccountWithTheServiceToken() {
        String required = failsWith(Code.INVALID_ARGUMENT, () -> service().reserve(reserve().build()));
        assertTrue(required.startsWith("account is required"), required);
    }

    @Test
    void shouldAttributeConcurrentCallsToTheirOwnCaller() throws Exception {
        // Many calls from two users at once: each reservation must belong to whoever made it.
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                boolean asAlice = i % 2 == 0;
                results.add(clients.submit(() -> {
                    Address address = (asAlice ? alice() : bob()).reserve(reserve().setHost("b.tcp.test").build());
                    return address.getAccount().equals(asAlice ? "alice" : "bob");
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static StreamObserver<AddressEvent> collect(BlockingQueue<AddressEvent> events) {
        return new StreamObserver<>() {
            @Override
            public void onNext(AddressEvent event) {
                events.add(event);
            }

            @Override
            public void onError(Throwable t) {
                // cancelled at the end of the test
            }

            @Override
            public void onCompleted() {
            }
        };
    }

    private static AddressEvent next(BlockingQueue<AddressEvent> events, Predicate<AddressEvent> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            AddressEvent event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && wanted.test(event)) {
                return event;
            }
        }
        throw new AssertionError("expected event did not arrive within 10s");
    }
}
