package dev.portway.policyengine.store;

import dev.portway.policyengine.model.Change;
import dev.portway.policyengine.model.ChangeType;
import dev.portway.policyengine.model.CloudEndpointRecord;
import dev.portway.policyengine.model.Snapshot;
import dev.portway.service.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteCloudEndpointStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String POLICY = "on_tcp_connect: [{actions: [{type: deny}]}]";

    @TempDir
    Path dir;

    private SqliteCloudEndpointStore store;

    private SqliteCloudEndpointStore open(int retained) {
        store = SqliteCloudEndpointStore.open(dir.resolve("nested/policy.db"), retained);
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static CloudEndpointRecord endpoint(String id, String url, String account) {
        return new CloudEndpointRecord(id, account, url, POLICY, "desc " + id, Map.of("k", "v"), false, T0, T0, 0);
    }

    @Test
    void shouldKeepCloudEndpointsAndRevisionAcrossReopen() {
        // Given
        open(10);
        store.insert(endpoint("cep_1", "tcp://a.example:1000", "alice"));
        store.insert(endpoint("cep_2", "tcp://a.example:1001", "bob"));
        CloudEndpointRecord changed = new CloudEndpointRecord("cep_2", "bob", "tcp://a.example:1001",
                "on_tcp_connect: [{actions: [{type: close-connection}]}]", "new", Map.of(), true, T0,
                T0.plusSeconds(5), 0);
        store.update(changed);
        store.delete("cep_1");
        store.close();

        // When the store is opened again (the engine restarted)
        open(10);

        // Then
        Snapshot snapshot = store.snapshot();
        assertEquals(4, snapshot.revision());
        assertEquals(List.of("cep_2"), snapshot.endpoints().stream().map(CloudEndpointRecord::id).toList());
        CloudEndpointRecord kept = store.findById("cep_2").orElseThrow();
        assertEquals(changed.withRevision(3), kept);
        assertEquals(List.of(ChangeType.CREATED, ChangeType.CREATED, ChangeType.UPDATED, ChangeType.DELETED),
                store.changesAfter(0).orElseThrow().stream().map(Change::type).toList());
        assertEquals(List.of(2L, 3L, 4L), store.changesAfter(1).orElseThrow().stream().map(Change::revision).toList());
        // And the next change continues the numbering
        assertEquals(5, store.insert(endpoint("cep_3", "tcp://a.example:1002", "alice")).revision());
    }

    @Test
    void shouldRefuseASecondCloudEndpointOnTheSameUrl() {
        // Given
        open(10);
        store.insert(endpoint("cep_1", "tcp://a.example:1000", "alice"));

        // When
        UrlTakenException e = assertThrows(UrlTakenException.class,
                () -> store.insert(endpoint("cep_2", "tcp://a.example:1000", "bob")));

        // Then nothing of the refused insert was kept, not even a revision
        assertEquals("tcp://a.example:1000", e.url());
        assertEquals(1, store.currentRevision());
        assertTrue(store.findById("cep_2").isEmpty());
    }

    @Test
    void shouldTellWhenThereIsNothingToUpdateOrDelete() {
        open(10);
        assertEquals(Optional.empty(), store.update(endpoint("cep_x", "tcp://a.example:1", "alice")));
        assertEquals(Optional.empty(), store.delete("cep_x"));
        assertEquals(0, store.currentRevision());
    }

    @Test
    void shouldTrimTheChangeLogAndRefuseResumingFromATrimmedRevision() {
        // Given only 3 changes retained, and 5 made
        open(3);
        for (int i = 1; i <= 5; i++) {
            store.insert(endpoint("cep_" + i, "tcp://a.example:" + (1000 + i), "alice"));
        }

        // Then revisions 3..5 are kept
        assertEquals(List.of(3L, 4L, 5L), store.changesAfter(2).orElseThrow().stream().map(Change::revision).toList());
        assertTrue(store.changesAfter(1).isEmpty());
        assertTrue(store.changesAfter(6).isEmpty());
        assertEquals(Optional.of(List.of()), store.changesAfter(5));
    }

    @Test
    void shouldListAnAccountByUrlPageByPage() {
        // Given
        open(10);
        store.insert(endpoint("cep_1", "tcp://b.example:1000", "alice"));
        store.insert(endpoint("cep_2", "tcp://a.example:2000", "alice"));
        store.insert(endpoint("cep_3", "tcp://a.example:1000", "alice"));
        store.insert(endpoint("cep_4", "tcp://a.example:1500", "bob"));

        // When
        List<CloudEndpointRecord> first = store.listByAccount("alice", null, 2);
        List<CloudEndpointRecord> second = store.listByAccount("alice", first.get(1).url(), 2);

        // Then
        assertEquals(List.of("tcp://a.example:1000", "tcp://a.example:2000"),
                first.stream().map(CloudEndpointRecord::url).toList());
        assertEquals(List.of("tcp://b.example:1000"), second.stream().map(CloudEndpointRecord::url).toList());
    }

    @Test
    void shouldUseWalWithFullSyncAndRefuseCallsAfterClose() {
        open(10);
        assertEquals("wal", store.pragma("journal_mode"));
        assertEquals("2", store.pragma("synchronous"));
        store.close();
        assertThrows(StoreException.class, () -> store.ping());
    }
}
