package dev.portway.service.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteDatabaseTest {

    enum Kind { ADDED, REMOVED }

    /** A logged change as the test reads it back. */
    record Logged(long revision, Kind kind, String name) {
    }

    private static final SqliteDatabase.Layout LAYOUT = new SqliteDatabase.Layout("test service",
            "portway.test.revisions-retained", "item", Kind.class,
            statement -> statement.executeUpdate("CREATE TABLE IF NOT EXISTS items (name TEXT PRIMARY KEY)"));

    @TempDir
    Path dir;

    private SqliteDatabase db;

    private SqliteDatabase open(int retained) {
        db = SqliteDatabase.open(dir.resolve("nested/dirs/test.db"), retained, LAYOUT);
        return db;
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    /** Adds an item and logs it, in one transaction, the way a store does. */
    private long add(String name) {
        return db.inTransaction(connection -> {
            long revision = db.nextRevision();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items (name) VALUES (?)")) {
                insert.setString(1, name);
                insert.executeUpdate();
            }
            db.logChange(revision, Kind.ADDED, name.getBytes(StandardCharsets.UTF_8));
            return revision;
        });
    }

    private Optional<List<Logged>> changesAfter(long revision) {
        return db.changesAfter(revision, (logged, type, payload) -> new Logged(logged, Kind.valueOf(type),
                new String(payload, StandardCharsets.UTF_8)));
    }

    private List<String> items() {
        return db.inTransaction(connection -> SqliteDatabase.select(connection,
                "SELECT name FROM items WHERE name > ? ORDER BY name", row -> row.getString(1), ""));
    }

    @Test
    void shouldCreateParentDirectoriesAndUseWalWithFullSync() {
        // When
        open(10);

        // Then
        assertTrue(Files.exists(dir.resolve("nested/dirs/test.db")));
        assertEquals("wal", db.pragma("journal_mode"));
        assertEquals("2", db.pragma("synchronous")); // 2 = FULL
        assertEquals("exclusive", db.pragma("locking_mode"));
    }

    @Test
    void shouldNumberChangesAndKeepTheRevisionAcrossReopen() {
        // Given
        open(10);
        assertEquals(0, db.currentRevision());
        assertEquals(List.of(1L, 2L), List.of(add("a"), add("b")));
        db.close();

        // When
        open(10);

        // Then
        assertEquals(2, db.currentRevision());
        assertEquals(List.of("a", "b"), items());
        assertEquals(3, add("c"));
        assertEquals(List.of(new Logged(2, Kind.ADDED, "b"), new Logged(3, Kind.ADDED, "c")),
                changesAfter(1).orElseThrow());
    }

    @Test
    void shouldForgetEverythingOfAFailedTransactionIncludingItsRevision() {
        // Given
        open(10);
        add("a");

        // When a second change fails after taking a revision
        assertThrows(StoreException.class, () -> add("a"));

        // Then nothing of it was kept, and the next change gets the revision it would have had
        assertEquals(1, db.currentRevision());
        assertEquals(Optional.of(List.of()), changesAfter(1));
        assertEquals(2, add("b"));
    }

    @Test
    void shouldPassOnAStoresOwnRefusalAsItIs() {
        // Given
        open(10);

        // When the work refuses with a runtime exception of its own
        IllegalStateException refusal = new IllegalStateException("taken");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
            db.logChange(db.nextRevision(), Kind.ADDED, new byte[0]);
            throw refusal;
        }));

        // Then
        assertEquals(refusal, thrown);
        assertEquals(0, db.currentRevision());
    }

    @Test
    void shouldReplayOnlyWhileTheNextRevisionIsRetained() {
        // Given 3 changes retained and 5 made
        open(3);
        for (String name : List.of("a", "b", "c", "d", "e")) {
            add(name);
        }

        // Then revisions 3..5 are kept: resuming after 2 works, after 1 does not
        assertEquals(List.of(3L, 4L, 5L), changesAfter(2).orElseThrow().stream().map(Logged::revision).toList());
        assertTrue(changesAfter(1).isEmpty());
        assertTrue(changesAfter(0).isEmpty());
        assertEquals(Optional.of(List.of()), changesAfter(5));
        assertTrue(changesAfter(6).isEmpty());
        assertTrue(changesAfter(-1).isEmpty());
    }

    @Test
    void shouldNameThePropertyWhenNoChangeWouldBeRetained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> open(0));
        assertEquals("portway.test.revisions-retained must be at least 1, got 0", e.getMessage());
    }

    @Test
    void shouldRefuseCallsAfterClose() throws SQLException {
        // Given
        open(10);
        db.close();

        // Then
        StoreException e = assertThrows(StoreException.class, () -> db.ping());
        assertTrue(e.getMessage().endsWith("test.db is closed"), e.getMessage());
        assertThrows(StoreException.class, () -> db.currentRevision());
    }
}
