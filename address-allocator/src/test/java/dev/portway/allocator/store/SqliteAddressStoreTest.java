package dev.portway.allocator.store;

import dev.portway.allocator.model.AddressKind;
import dev.portway.allocator.model.AddressRecord;
import dev.portway.allocator.model.Change;
import dev.portway.allocator.model.ChangeType;
import dev.portway.allocator.model.HostPort;
import dev.portway.allocator.model.Snapshot;
import dev.portway.service.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteAddressStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private SqliteAddressStore store;

    private SqliteAddressStore open(int retained) {
        store = SqliteAddressStore.open(dir.resolve("nested/dirs/allocator.db"), retained);
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static AddressRecord reserved(String id, String host, int port, String account) {
        return new AddressRecord(id, host, port, account, "desc " + id, Map.of("k", "v"), T0, AddressKind.RESERVED,
                null, 0);
    }

    private static AddressRecord ephemeral(String id, String host, int port, String account, Instant lease) {
        return new AddressRecord(id, host, port, account, "", Map.of(), T0, AddressKind.EPHEMERAL, lease, 0);
    }

    @Test
    void shouldCreateParentDirectoriesAndUseWalWithFullSync() {
        // When
        open(10);

        // Then
        assertTrue(Files.exists(dir.resolve("nested/dirs/allocator.db")));
        assertEquals("wal", store.pragma("journal_mode"));
        assertEquals("2", store.pragma("synchronous")); // 2 = FULL
    }

    @Test
    void shouldKeepReservationsAndRevisionAcrossReopen() {
        // Given
        open(10);
        store.insert(reserved("ad_1", "a.example", 1000, "alice"));
        store.insert(ephemeral("ad_2", "a.example", 1001, "bob", T0.plusSeconds(30)));
        store.delete("ad_1");
        store.close();

        // When
        open(10);

        // Then
        Snapshot snapshot = store.snapshot();
        assertEquals(3, snapshot.revision());
        assertEquals(List.of("ad_2"), snapshot.addresses().stream().map(AddressRecord::id).toList());
        AddressRecord kept = store.findById("ad_2").orElseThrow();
        assertEquals(AddressKind.EPHEMERAL, kept.kind());
        assertEquals(T0.plusSeconds(30), kept.leaseExpiresAt());
        assertEquals(2, kept.revision());
    }

    @Test
    void shouldRefuseASecondReservationOfTheSameHostPort() {
        // Given
        open(10);
        store.insert(reserved("ad_1", "a.example", 1000, "alice"));

        // When
        HostPortTakenException e = assertThrows(HostPortTakenException.class,
                () -> store.insert(reserved("ad_2", "a.example", 1000, "bob")));

        // Then nothing of the refused insert was kept, not even a revision
        assertEquals(new HostPort("a.example", 1000), e.hostPort());
        assertEquals(1, store.currentRevision());
        assertEquals("alice", store.findByHostPort("a.example", 1000).orElseThrow().account());
        assertTrue(store.findById("ad_2").isEmpty());
    }

    @Test
    void shouldAllowTheSamePortOnAnotherHost() {
        // Given
        open(10);
        store.insert(reserved("ad_1", "a.example", 1000, "alice"));

        // When
        Change change = store.insert(reserved("ad_2", "b.example", 1000, "alice"));

        // Then
        assertEquals(2, change.revision());
    }

    @Test
    void shouldNumberEveryChangeWithAGrowingRevision() {
        // Given
        open(10);

        // When
        Change first = store.insert(reserved("ad_1", "a.example", 1000, "alice"));
        Change second = store.insert(reserved("ad_2", "a.example", 1001, "alice"));
        Change released = store.delete("ad_1").orElseThrow();

        // Then
        assertEquals(List.of(1L, 2L, 3L), List.of(first.revision(), second.revision(), released.revision()));
        assertEquals(ChangeType.RELEASED, released.type());
        assertEquals(3, released.address().revision());
        assertEquals("desc ad_1", released.address().description());
        assertTrue(store.delete("ad_1").isEmpty());
        assertEquals(3, store.currentRevision());
    }

    @Test
    void shouldReplayTheChangesAfterARetainedRevision() {
        // Given
        open(10);
        store.insert(reserved("ad_1", "a.example", 1000, "alice"));
        store.insert(reserved("ad_2", "a.example", 1001, "alice"));
        store.delete("ad_1");

        // When
        List<Change> replay = store.changesAfter(1).orElseThrow();

        // Then
        assertEquals(List.of(2L, 3L), replay.stream().map(Change::revision).toList());
        assertEquals(List.of(ChangeType.RESERVED, ChangeType.RELEASED), replay.stream().map(Change::type).toList());
        assertEquals("ad_1", replay.get(1).address().id());
        assertEquals(Map.of("k", "v"), replay.get(0).address().metadata());
        assertEquals(Optional.of(List.of()), store.changesAfter(3));
    }

    @Test
    void shouldTrimTheChangeLogAndRefuseResumingFromATrimmedRevision() {
        // Given only 3 changes retained, and 5 made
        open(3);
        for (int i = 1; i <= 5; i++) {
            store.insert(reserved("ad_" + i, "a.example", 1000 + i, "alice"));
        }

        // When / Then: revisions 3..5 are kept, so resuming after 2 works, after 1 does not
        assertEquals(List.of(3L, 4L, 5L),
                store.changesAfter(2).orElseThrow().stream().map(Change::revision).toList());
        assertTrue(store.changesAfter(1).isEmpty());
        assertTrue(store.changesAfter(0).isEmpty());
    }

    @Test
    void shouldRefuseResumingFromARevisionAheadOfTheStore() {
        // Given
        open(10);
        store.insert(reserved("ad_1", "a.example", 1000, "alice"));

        // Then
        assertTrue(store.changesAfter(2).isEmpty());
        assertTrue(store.changesAfter(-1).isEmpty());
    }

    @Test
    void shouldFindExpiredEphemeralLeasesAndRenewThem() {
        // Given
        open(10);
        store.insert(ephemeral("ad_old", "a.example", 1000, "alice", T0.plusSeconds(10)));
        store.insert(ephemeral("ad_new", "a.example", 1001, "alice", T0.plusSeconds(60)));
        store.insert(reserved("ad_res", "a.example", 1002, "alice"));

        // When
        List<AddressRecord> expired = store.findExpired(T0.plusSeconds(10), 100);

        // Then only the lease that ended counts, reserved addresses never expire
        assertEquals(List.of("ad_old"), expired.stream().map(AddressRecord::id).toList());

        // When renewed (a reserved id is not missing, just has no lease)
        Set<String> missing = store.renewLeases(List.of("ad_old", "ad_res", "ad_gone"), T0.plusSeconds(100));

        // Then
        assertEquals(Set.of("ad_gone"), missing);
        assertTrue(store.findExpired(T0.plusSeconds(61), 100).stream().allMatch(a -> a.id().equals("ad_new")));
        assertEquals(T0.plusSeconds(100), store.findById("ad_old").orElseThrow().leaseExpiresAt());
        assertEquals(null, store.findById("ad_res").orElseThrow().leaseExpiresAt());
    }

    @Test
    void shouldExtendShortEphemeralLeasesOnly() {
        // Given
        open(10);
        store.insert(ephemeral("ad_short", "a.example", 1000, "alice", T0.plusSeconds(5)));
        store.insert(ephemeral("ad_long", "a.example", 1001, "alice", T0.plusSeconds(500)));

        // When
        store.extendEphemeralLeasesTo(T0.plusSeconds(30));

        // Then
        assertEquals(T0.plusSeconds(30), store.findById("ad_short").orElseThrow().leaseExpiresAt());
        assertEquals(T0.plusSeconds(500), store.findById("ad_long").orElseThrow().leaseExpiresAt());
    }

    @Test
    void shouldListAnAccountInHostThenPortOrderPageByPage() {
        // Given
        open(10);
        store.insert(reserved("ad_1", "b.example", 1000, "alice"));
        store.insert(reserved("ad_2", "a.example", 2000, "alice"));
        store.insert(reserved("ad_3", "a.example", 1000, "alice"));
        store.insert(reserved("ad_4", "a.example", 1500, "bob"));

        // When
        List<AddressRecord> first = store.listByAccount("alice", null, 2);
        List<AddressRecord> second = store.listByAccount("alice", first.get(1).hostPort(), 2);

        // Then
        assertEquals(List.of("a.example:1000", "a.example:2000"),
                first.stream().map(a -> a.hostPort().toString()).toList());
        assertEquals(List.of("b.example:1000"), second.stream().map(a -> a.hostPort().toString()).toList());
    }

    @Test
    void shouldRefuseCallsAfterClose() {
        // Given
        open(10);
        store.close();

        // Then
        assertThrows(StoreException.class, () -> store.ping());
    }
}
