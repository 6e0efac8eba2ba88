package dev.portway.allocator.allocation;

import dev.portway.allocator.model.AddressKind;
import dev.portway.allocator.model.AddressRecord;
import dev.portway.allocator.model.Change;
import dev.portway.allocator.model.ChangeType;
import dev.portway.allocator.model.Snapshot;
import dev.portway.allocator.pool.Pool;
import dev.portway.allocator.pool.PoolSet;
import dev.portway.allocator.pool.PortRange;
import dev.portway.allocator.store.SqliteAddressStore;
import dev.portway.service.watch.ChangeHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocatorTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final PoolSet POOLS = new PoolSet(List.of(
            new Pool("a.example", new PortRange(20000, 20009)),
            new Pool("a.example", new PortRange(21000, 21000)),
            new Pool("b.example", new PortRange(20000, 20001))));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private SqliteAddressStore store;
    private ChangeHub<Snapshot, Change> hub;
    private Allocator allocator;

    @BeforeEach
    void start() {
        startAllocator();
    }

    private void startAllocator() {
        store = SqliteAddressStore.open(dir.resolve("allocator.db"), 100);
        hub = new ChangeHub<>();
        allocator = new Allocator(POOLS, store, hub, clock, LEASE, new Random(5));
        allocator.load();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private static ReserveCommand reserve(String account, String host, long port) {
        return new ReserveCommand(account, host, port, "", Map.of(), false);
    }

    private static ReserveCommand ephemeral(String account, String host, long port) {
        return new ReserveCommand(account, host, port, "", Map.of(), true);
    }

    private static AllocationException refused(Failure failure, Executable call) {
        AllocationException e = assertThrows(AllocationException.class, call);
        assertEquals(failure, e.failure(), e.getMessage());
        return e;
    }

    @Test
    void shouldReserveARandomFreePortOfAnyPool() {
        // When
        AddressRecord address = allocator.reserve(reserve("alice", "", 0));

        // Then
        assertTrue(POOLS.poolFor(address.host(), address.port()).isPresent(), address.toString());
        assertTrue(address.id().matches("ad_[a-z2-7]{26}"), address.id());
        assertEquals(AddressKind.RESERVED, address.kind());
        assertNull(address.leaseExpiresAt());
        assertEquals(1, address.revision());
        assertEquals(address, store.findById(address.id()).orElseThrow());
    }

    @Test
    void shouldReserveTheSpecificHostAndPortAskedFor() {
        // When
        AddressRecord address = allocator.reserve(reserve("alice", "B.Example", 20001));

        // Then
        assertEquals("b.example:20001", address.hostPort().toString());
    }

    @Test
    void shouldReserveASpecificPortOnWhicheverHostHasItFree() {
        // Given
        allocator.reserve(reserve("alice", "a.example", 20001));

        // When
        AddressRecord address = allocator.reserve(reserve("alice", "", 20001));

        // Then
        assertEquals("b.example:20001", address.hostPort().toString());
    }

    @Test
    void shouldRefuseSpecificPortOutsideEveryPool() {
        AllocationException e = refused(Failure.OUT_OF_RANGE, () -> allocator.reserve(reserve("alice", "b.example", 20005)));
        assertTrue(e.getMessage().contains("port 20005"), e.getMessage());
        assertTrue(e.getMessage().contains("b.example:20000-20001"), e.getMessage());

        AllocationException anyHost = refused(Failure.OUT_OF_RANGE, () -> allocator.reserve(reserve("alice", "", 80)));
        assertTrue(anyHost.getMessage().contains("a.example:21000"), anyHost.getMessage());
    }

    @Test
    void shouldRefuseAHostThatIsNotAPoolHostListingThePoolHosts() {
        AllocationException e = refused(Failure.INVALID_ARGUMENT,
                () -> allocator.reserve(reserve("alice", "c.example", 0)));
        assertTrue(e.getMessage().contains("host 'c.example' is not a pool host"), e.getMessage());
        assertTrue(e.getMessage().contains("a.example, b.example"), e.getMessage());
    }

    @Test
    void shouldRefuseAMalformedHost() {
        AllocationException e = refused(Failure.INVALID_ARGUMENT,
                () -> allocator.reserve(reserve("alice", "bad_host!", 0)));
        assertTrue(e.getMessage().contains("not a DNS name"), e.getMessage());
    }

    @Test
    void shouldRefuseAPortAbove65535() {
        AllocationException e = refused(Failure.INVALID_ARGUMENT,
                () -> allocator.reserve(reserve("alice", "", 70000)));
        assertTrue(e.getMessage().contains("port 70000 is not a TCP port"), e.getMessage());
    }

    @Test
    void shouldRefuseMetadataAndDescriptionBeyondTheirBounds() {
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            tooMany.put("k" + i, "v");
        }
        assertTrue(refused(Failure.INVALID_ARGUMENT, () -> allocator.reserve(
                new ReserveCommand("alice", "", 0, "", tooMany, false))).getMessage().contains("17 entries"));
        assertTrue(refused(Failure.INVALID_ARGUMENT, () -> allocator.reserve(
                new ReserveCommand("alice", "", 0, "", Map.of("k".repeat(64), "v"), false)))
                .getMessage().contains("at most 63"));
        assertTrue(refused(Failure.INVALID_ARGUMENT, () -> allocator.reserve(
                new ReserveCommand("alice", "", 0, "", Map.of("k", "v".repeat(257)), false)))
                .getMessage().contains("at most 256"));
        assertTrue(refused(Failure.INVALID_ARGUMENT, () -> allocator.reserve(
                new ReserveCommand("alice", "", 0, "d".repeat(257), Map.of(), false)))
                .getMessage().startsWith("description is 257 characters"));
        // exactly at the bounds is fine
        Map<String, String> sixteen = new HashMap<>();
        for (int i = 0; i < 16; i++) {
            sixteen.put("k".repeat(62) + Integer.toHexString(i), "v".repeat(256));
        }
        allocator.reserve(new ReserveCommand("alice", "", 0, "d".repeat(256), sixteen, false));
    }

    @Test
    void shouldRefuseAHostPortThatIsAlreadyHeld() {
        // Given
        AddressRecord held = allocator.reserve(reserve("alice", "a.example", 20003));

        // When another account asks for it
        AllocationException other = refused(Failure.ALREADY_EXISTS,
                () -> allocator.reserve(reserve("bob", "a.example", 20003)));
        // or the same account asks again for a reserved one
        AllocationException same = refused(Failure.ALREADY_EXISTS,
                () -> allocator.reserve(ephemeral("alice", "a.example", 20003)));

        // Then the owner is not revealed to others, but told to the owner
        assertTrue(other.getMessage().startsWith("a.example:20003 is already reserved;"), other.getMessage());
        assertTrue(same.getMessage().contains(held.id()), same.getMessage());
    }

    @Test
    void shouldGiveAnEphemeralAddressBackWithARenewedLeaseToTheSameAccount() {
        // Given an agent's ephemeral address, 20s into its lease
        AddressRecord first = allocator.reserve(ephemeral("alice", "a.example", 20004));
        clock.advance(Duration.ofSeconds(20));

        // When the agent reconnects and asks for it again
        AddressRecord again = allocator.reserve(ephemeral("alice", "a.example", 20004));

        // Then it gets the same address, leased anew, without a new change
        assertEquals(first.id(), again.id());
        assertEquals(clock.instant().plus(LEASE), again.leaseExpiresAt());
        assertEquals(clock.instant().plus(LEASE), store.findById(first.id()).orElseThrow().leaseExpiresAt());
        assertEquals(1, allocator.currentRevision());
        // but another account may not take it
        refused(Failure.ALREADY_EXISTS, () -> allocator.reserve(ephemeral("bob", "a.example", 20004)));
    }

    @Test
    void shouldReportExhaustedPools() {
        // Given both ports of b.example held
        allocator.reserve(reserve("alice", "b.example", 0));
        allocator.reserve(reserve("alice", "b.example", 0));

        // When
        AllocationException e = refused(Failure.RESOURCE_EXHAUSTED,
                () -> allocator.reserve(reserve("alice", "b.example", 0)));

        // Then
        assertTrue(e.getMessage().contains("b.example:20000-20001"), e.getMessage());
        assertEquals(List.of(2, 0), allocator.poolUsage().stream()
                .filter(p -> p.host().equals("b.example")).map(p -> List.of(p.reserved(), p.free()))
                .findFirst().orElseThrow());
    }

    @Test
    void shouldHandOutEveryPortBeforeExhaustion() {
        // When reserving all 13 ports
        Set<String> handedOut = new java.util.HashSet<>();
        for (int i = 0; i < 13; i++) {
            handedOut.add(allocator.reserve(reserve("alice", "", 0)).hostPort().toString());
        }

        // Then each was handed out once, and no more remain
        assertEquals(13, handedOut.size());
        refused(Failure.RESOURCE_EXHAUSTED, () -> allocator.reserve(reserve("alice", "", 0)));
    }

    @Test
    void shouldReleaseOnlyTheOwnersAddress() {
        // Given
        AddressRecord address = allocator.reserve(reserve("alice", "a.example", 20005));

        // When / Then
        AllocationException denied = refused(Failure.PERMISSION_DENIED,
                () -> allocator.release("bob", AddressSelector.byId(address.id())));
        assertTrue(denied.getMessage().contains("belongs to another account"), denied.getMessage());
        refused(Failure.PERMISSION_DENIED, () -> allocator.get("bob", AddressSelector.byHostPort("a.example", 20005)));

        AddressRecord released = allocator.release("alice", AddressSelector.byHostPort("A.example", 20005));
        assertEquals(address.id(), released.id());
        assertEquals(2, released.revision());
        refused(Failure.NOT_FOUND, () -> allocator.release("alice", AddressSelector.byId(address.id())));
        refused(Failure.NOT_FOUND, () -> allocator.get("alice", AddressSelector.byHostPort("a.example", 20005)));
        // and the port can be reserved again
        allocator.reserve(reserve("bob", "a.example", 20005));
    }

    @Test
    void shouldReleaseEphemeralAddressesWhoseLeaseRanOut() {
        // Given
        RecordingSubscriber watcher = new RecordingSubscriber();
        AddressRecord expiring = allocator.reserve(ephemeral("alice", "a.example", 20006));
        AddressRecord renewed = allocator.reserve(ephemeral("alice", "a.example", 20007));
        AddressRecord kept = allocator.reserve(reserve("alice", "a.example", 20008));
        allocator.watch(watcher, 0);

        // When 20s later one is renewed, and at 31s the sweeper runs
        clock.advance(Duration.ofSeconds(20));
        assertEquals(Set.of(), allocator.renewLeases(null, List.of(renewed.id())));
        clock.advance(Duration.ofSeconds(11));
        int released = allocator.releaseExpired();

        // Then only the unrenewed ephemeral address is gone, and watchers are told
        assertEquals(1, released);
        assertTrue(store.findById(expiring.id()).isEmpty());
        assertTrue(store.findById(renewed.id()).isPresent());
        assertTrue(store.findById(kept.id()).isPresent());
        assertEquals(1, watcher.changes.size());
        assertEquals(ChangeType.RELEASED, watcher.changes.get(0).type());
        assertEquals(expiring.id(), watcher.changes.get(0).address().id());
        assertEquals(Set.of(expiring.id()), allocator.renewLeases(null, List.of(expiring.id())));
    }

    @Test
    void shouldRenewOnlyTheCallersOwnLeases() {
        // Given
        AddressRecord bobs = allocator.reserve(ephemeral("bob", "a.example", 20006));

        // When alice tries to renew bob's address
        Set<String> missing = allocator.renewLeases("alice", List.of(bobs.id()));

        // Then it is missing for her, and bob's lease did not move
        assertEquals(Set.of(bobs.id()), missing);
        clock.advance(Duration.ofSeconds(31));
        assertEquals(1, allocator.releaseExpired());
    }

    @Test
    void shouldStartWatchersWithASnapshotOrAReplayThenLiveChanges() {
        // Given
        AddressRecord first = allocator.reserve(reserve("alice", "", 0));
        RecordingSubscriber fresh = new RecordingSubscriber();
        RecordingSubscriber resuming = new RecordingSubscriber();

        // When
        allocator.watch(fresh, 0);
        allocator.reserve(reserve("bob", "", 0));
        allocator.watch(resuming, 1);
        allocator.release("alice", AddressSelector.byId(first.id()));

        // Then
        assertEquals(1, fresh.start.snapshot().revision());
        assertEquals(List.of(first), fresh.start.snapshot().addresses());
        assertEquals(List.of(2L, 3L), fresh.changes.stream().map(c -> c.revision()).toList());
        assertEquals(List.of(2L), resuming.start.replay().stream().map(c -> c.revision()).toList());
        assertEquals(List.of(3L), resuming.changes.stream().map(c -> c.revision()).toList());
    }

    @Test
    void shouldRememberHeldPortsAndExtendLeasesAcrossARestart() {
        // Given every port of b.example held, one of them ephemeral
        allocator.reserve(reserve("alice", "b.example", 20000));
        AddressRecord agent = allocator.reserve(ephemeral("alice", "b.example", 20001));
        store.close();

        // When the allocator restarts 25s later (5s of lease left)
        clock.advance(Duration.ofSeconds(25));
        startAllocator();

        // Then it knows the pool is full, and the ephemeral lease got a whole lease again
        refused(Failure.RESOURCE_EXHAUSTED, () -> allocator.reserve(reserve("bob", "b.example", 0)));
        assertEquals(clock.instant().plus(LEASE), store.findById(agent.id()).orElseThrow().leaseExpiresAt());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(0, allocator.releaseExpired());
    }

    @Test
    void shouldPageThroughAnAccountsAddresses() {
        // Given
        for (int i = 0; i < 5; i++) {
            allocator.reserve(reserve("alice", "a.example", 20000 + i));
        }
        allocator.reserve(reserve("bob", "a.example", 20009));

        // When
        AddressPage first = allocator.list("alice", null, 2);
        AddressPage second = allocator.list("alice", first.next(), 2);
        AddressPage last = allocator.list("alice", second.next(), 2);

        // Then
        assertEquals(2, first.addresses().size());
        assertEquals(20002, second.addresses().get(0).port());
        assertEquals(1, last.addresses().size());
        assertNull(last.next());
        assertNotEquals(first.next(), second.next());
    }
}
