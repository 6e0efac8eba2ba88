package dev.portway.policyengine.store;

import dev.portway.policyengine.codec.CloudEndpointCodec;
import dev.portway.policyengine.model.Change;
import dev.portway.policyengine.model.ChangeType;
import dev.portway.policyengine.model.CloudEndpointRecord;
import dev.portway.policyengine.model.Snapshot;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded store: one SQLite file, one JDBC connection, every call one transaction (the allocator's
 * design). WAL journal with {@code synchronous=FULL}, so a commit is fsynced before it returns;
 * {@code UNIQUE(url)} makes two cloud endpoints on one URL impossible; {@code locking_mode=EXCLUSIVE} keeps a
 * second engine off the same file. Calls are serialized on the one connection.
 */
public final class SqliteCloudEndpointStore implements CloudEndpointStore {

    private static final int SCHEMA_VERSION = 1;
    private static final String COLUMNS = "id, account, url, traffic_policy, description, metadata, pooling_enabled,"
            + " created_at_ms, updated_at_ms, revision";

    private final Path path;
    private final int revisionsRetained;
    private final Connection connection;
    private long lastRevision;
    private boolean closed;

    private SqliteCloudEndpointStore(Path path, int revisionsRetained, Connection connection) {
        this.path = path;
        this.revisionsRetained = revisionsRetained;
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) the store at {@code path}.
     *
     * @param revisionsRetained how many recent changes to keep for resuming watchers (at least 1)
     */
    public static SqliteCloudEndpointStore open(Path path, int revisionsRetained) {
        if (revisionsRetained < 1) {
            throw new IllegalArgumentException("portway.policy.revisions-retained must be at least 1, got "
                    + revisionsRetained);
        }
        Path absolute = path.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the directory of the store " + absolute, e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(5_000);
        try {
            Connection connection = config.createConnection("jdbc:sqlite:" + absolute);
            SqliteCloudEndpointStore store = new SqliteCloudEndpointStore(absolute, revisionsRetained, connection);
            store.initialize();
            return store;
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + absolute
                    + " (is another policy engine using it?): " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    private void initialize() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS cloud_endpoints (
                      id TEXT PRIMARY KEY,
                      account TEXT NOT NULL,
                      url TEXT NOT NULL UNIQUE,
                      traffic_policy TEXT NOT NULL,
                      description TEXT NOT NULL,
                      metadata BLOB NOT NULL,
                      pooling_enabled INTEGER NOT NULL,
                      created_at_ms INTEGER NOT NULL,
                      updated_at_ms INTEGER NOT NULL,
                      revision INTEGER NOT NULL
                    )""");
            statement.executeUpdate(
                    "CREATE INDEX IF NOT EXISTS cloud_endpoints_by_account ON cloud_endpoints (account, url)");
            statement.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS changes (
                      revision INTEGER PRIMARY KEY,
                      type TEXT NOT NULL CHECK (type IN ('CREATED', 'UPDATED', 'DELETED')),
                      endpoint BLOB NOT NULL
                    )""");
            // The revision counter lives apart from the (trimmed) change log so it never goes back.
            statement.executeUpdate(
                    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            statement.executeUpdate("INSERT OR IGNORE INTO meta (key, value) VALUES ('last_revision', 0)");
            statement.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
            try (ResultSet rs = statement.executeQuery("SELECT value FROM meta WHERE key = 'last_revision'")) {
                rs.next();
                lastRevision = rs.getLong(1);
            }
        }
        connection.setAutoCommit(false);
    }

    /** A pragma's value (for tests and the startup log). */
    public synchronized String pragma(String name) {
        return inTransaction(() -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("PRAGMA " + name)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Override
    public synchronized Change insert(CloudEndpointRecord draft) {
        return inTransaction(() -> {
            long revision = lastRevision + 1;
            CloudEndpointRecord stored = draft.withRevision(revision);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO cloud_endpoints (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, stored);
                insert.executeUpdate();
            } catch (SQLiteException e) {
                if (e.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE) {
                    throw new UrlTakenException(draft.url(), e);
                }
                throw e;
            }
            return recordChange(new Change(revision, ChangeType.CREATED, stored));
        });
    }

    @Override
    public synchronized Optional<Change> update(CloudEndpointRecord changed) {
        return inTransaction(() -> {
            long revision = lastRevision + 1;
            CloudEndpointRecord stored = changed.withRevision(revision);
            try (PreparedStatement update = connection.prepareStatement("UPDATE cloud_endpoints SET"
                    + " traffic_policy = ?, description = ?, metadata = ?, pooling_enabled = ?, updated_at_ms = ?,"
                    + " revision = ? WHERE id = ?")) {
                update.setString(1, stored.trafficPolicy());
                update.setString(2, stored.description());
                update.setBytes(3, MetadataCodec.encode(stored.metadata()));
                update.setInt(4, stored.poolingEnabled() ? 1 : 0);
                update.setLong(5, stored.updatedAt().toEpochMilli());
                update.setLong(6, revision);
                update.setString(7, stored.id());
                if (update.executeUpdate() == 0) {
                    return Optional.<Change>empty();
                }
            }
            CloudEndpointRecord now = findOne("id = ?", stored.id()).orElseThrow();
            return Optional.of(recordChange(new Change(revision, ChangeType.UPDATED, now)));
        });
    }

    @Override
    public synchronized Optional<Change> delete(String id) {
        return inTransaction(() -> {
            Optional<CloudEndpointRecord> existing = findOne("id = ?", id);
            if (existing.isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM cloud_endpoints WHERE id = ?")) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
            long revision = lastRevision + 1;
            return Optional.of(recordChange(
                    new Change(revision, ChangeType.DELETED, existing.get().withRevision(revision))));
        });
    }

    /** Appends to the change log, advances the counter and trims what is no longer retained. */
    private Change recordChange(Change change) throws SQLException {
        try (PreparedStatement log = connection.prepareStatement(
                "INSERT INTO changes (revision, type, endpoint) VALUES (?, ?, ?)")) {
            log.setLong(1, change.revision());
            log.setString(2, change.type().name());
            log.setBytes(3, CloudEndpointCodec.toBytes(change.endpoint()));
            log.executeUpdate();
        }
        try (PreparedStatement counter = connection.prepareStatement(
                "UPDATE meta SET value = ? WHERE key = 'last_revision'")) {
            counter.setLong(1, change.revision());
            counter.executeUpdate();
        }
        try (PreparedStatement trim = connection.prepareStatement("DELETE FROM changes WHERE revision <= ?")) {
            trim.setLong(1, change.revision() - revisionsRetained);
            trim.executeUpdate();
        }
        lastRevision = change.revision();
        return change;
    }

    @Override
    public synchronized Optional<CloudEndpointRecord> findById(String id) {
        return inTransaction(() -> findOne("id = ?", id));
    }

    @Override
    public synchronized List<CloudEndpointRecord> listByAccount(String account, String afterUrl, int limit) {
        return inTransaction(() -> afterUrl == null
                ? findMany("account = ? ORDER BY url LIMIT ?", account, limit)
                : findMany("account = ? AND url > ? ORDER BY url LIMIT ?", account, afterUrl, limit));
    }

    @Override
    public synchronized Snapshot snapshot() {
        return inTransaction(() -> new Snapshot(lastRevision, findMany("1 = 1 ORDER BY url")));
    }

    @Override
    public synchronized Optional<List<Change>> changesAfter(long revision) {
        return inTransaction(() -> {
            if (revision < 0 || revision > lastRevision) {
                return Optional.empty();
            }
            if (revision == lastRevision) {
                return Optional.of(List.of());
            }
            List<Change> changes = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT revision, type, endpoint FROM changes WHERE revision > ? ORDER BY revision")) {
                query.setLong(1, revision);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        changes.add(new Change(rs.getLong(1), ChangeType.valueOf(rs.getString(2)),
                                CloudEndpointCodec.fromBytes(rs.getBytes(3))));
                    }
                }
            }
            // Resumable only if the very next revision is still in the log (the log has no holes).
            if (changes.isEmpty() || changes.get(0).revision() != revision + 1) {
                return Optional.empty();
            }
            return Optional.of(changes);
        });
    }

    @Override
    public synchronized long currentRevision() {
        checkOpen();
        return lastRevision;
    }

    @Override
    public synchronized void ping() {
        inTransaction(() -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT value FROM meta WHERE key = 'last_revision'")) {
                return rs.next();
            }
        });
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the store " + path, e);
        }
    }

    // --- plumbing ---

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Runs the work as one transaction and commits it (fsync) before returning. */
    private <T> T inTransaction(SqlWork<T> work) {
        checkOpen();
        long revisionBefore = lastRevision;
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            lastRevision = revisionBefore;
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException("store " + path + " failed: " + e.getMessage(), e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("store " + path + " is closed", null);
        }
    }

    private Optional<CloudEndpointRecord> findOne(String where, Object... args) throws SQLException {
        List<CloudEndpointRecord> found = findMany(where + " LIMIT 1", args);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<CloudEndpointRecord> findMany(String whereAndOrder, Object... args) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM cloud_endpoints WHERE " + whereAndOrder)) {
            for (int i = 0; i < args.length; i++) {
                query.setObject(i + 1, args[i]);
            }
            List<CloudEndpointRecord> records = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    records.add(read(rs));
                }
            }
            return records;
        }
    }

    private static void bind(PreparedStatement statement, CloudEndpointRecord record) throws SQLException {
        statement.setString(1, record.id());
        statement.setString(2, record.account());
        statement.setString(3, record.url());
        statement.setString(4, record.trafficPolicy());
        statement.setString(5, record.description());
        statement.setBytes(6, MetadataCodec.encode(record.metadata()));
        statement.setInt(7, record.poolingEnabled() ? 1 : 0);
        statement.setLong(8, record.createdAt().toEpochMilli());
        statement.setLong(9, record.updatedAt().toEpochMilli());
        statement.setLong(10, record.revision());
    }

    private static CloudEndpointRecord read(ResultSet rs) throws SQLException {
        return new CloudEndpointRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), MetadataCodec.decode(rs.getBytes(6)), rs.getInt(7) != 0,
                Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)), rs.getLong(10));
    }
}
