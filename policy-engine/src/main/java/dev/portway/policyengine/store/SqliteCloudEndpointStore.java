package dev.portway.policyengine.store;

import dev.portway.policyengine.codec.CloudEndpointCodec;
import dev.portway.policyengine.model.Change;
import dev.portway.policyengine.model.ChangeType;
import dev.portway.policyengine.model.CloudEndpointRecord;
import dev.portway.policyengine.model.Snapshot;
import dev.portway.service.store.MetadataCodec;
import dev.portway.service.store.SqliteDatabase;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The embedded store: the {@code cloud_endpoints} table in a {@link SqliteDatabase}, the allocator's design (one
 * SQLite file, one JDBC connection, every call one transaction, WAL with {@code synchronous=FULL},
 * {@code locking_mode=EXCLUSIVE} so a second engine stays off the file, the revision counter and the change log).
 * {@code UNIQUE(url)} makes two cloud endpoints on one URL impossible.
 */
public final class SqliteCloudEndpointStore implements CloudEndpointStore {

    private static final int SCHEMA_VERSION = 1;
    private static final String COLUMNS = "id, account, url, traffic_policy, description, metadata, pooling_enabled,"
            + " created_at_ms, updated_at_ms, revision";
    private static final SqliteDatabase.Layout LAYOUT = new SqliteDatabase.Layout("policy engine",
            "portway.policy.revisions-retained", "endpoint", ChangeType.class, SqliteCloudEndpointStore::createTables);

    private final SqliteDatabase db;

    private SqliteCloudEndpointStore(SqliteDatabase db) {
        this.db = db;
    }

    /**
     * Opens (creating if needed) the store at {@code path}.
     *
     * @param revisionsRetained how many recent changes to keep for resuming watchers (at least 1)
     */
    public static SqliteCloudEndpointStore open(Path path, int revisionsRetained) {
        return new SqliteCloudEndpointStore(SqliteDatabase.open(path, revisionsRetained, LAYOUT));
    }

    public Path path() {
        return db.path();
    }

    private static void createTables(Statement statement) throws SQLException {
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
        statement.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
    }

    /** A pragma's value (for tests and the startup log). */
    public String pragma(String name) {
        return db.pragma(name);
    }

    @Override
    public Change insert(CloudEndpointRecord draft) {
        return db.inTransaction(connection -> {
            long revision = db.nextRevision();
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
            return logged(new Change(revision, ChangeType.CREATED, stored));
        });
    }

    @Override
    public Optional<Change> update(CloudEndpointRecord changed) {
        return db.inTransaction(connection -> {
            long revision = db.nextRevision();
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
            CloudEndpointRecord now = findOne(connection, "id = ?", stored.id()).orElseThrow();
            return Optional.of(logged(new Change(revision, ChangeType.UPDATED, now)));
        });
    }

    @Override
    public Optional<Change> delete(String id) {
        return db.inTransaction(connection -> {
            Optional<CloudEndpointRecord> existing = findOne(connection, "id = ?", id);
            if (existing.isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM cloud_endpoints WHERE id = ?")) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
            long revision = db.nextRevision();
            return Optional.of(logged(
                    new Change(revision, ChangeType.DELETED, existing.get().withRevision(revision))));
        });
    }

    private Change logged(Change change) throws SQLException {
        db.logChange(change.revision(), change.type(), CloudEndpointCodec.toBytes(change.endpoint()));
        return change;
    }

    @Override
    public Optional<CloudEndpointRecord> findById(String id) {
        return db.inTransaction(connection -> findOne(connection, "id = ?", id));
    }

    @Override
    public List<CloudEndpointRecord> listByAccount(String account, String afterUrl, int limit) {
        return db.inTransaction(connection -> afterUrl == null
                ? findMany(connection, "account = ? ORDER BY url LIMIT ?", account, limit)
                : findMany(connection, "account = ? AND url > ? ORDER BY url LIMIT ?", account, afterUrl, limit));
    }

    @Override
    public Snapshot snapshot() {
        return db.inTransaction(connection ->
                new Snapshot(db.currentRevision(), findMany(connection, "1 = 1 ORDER BY url")));
    }

    @Override
    public Optional<List<Change>> changesAfter(long revision) {
        return db.changesAfter(revision, (logged, type, endpoint) ->
                new Change(logged, ChangeType.valueOf(type), CloudEndpointCodec.fromBytes(endpoint)));
    }

    @Override
    public long currentRevision() {
        return db.currentRevision();
    }

    @Override
    public void ping() {
        db.ping();
    }

    @Override
    public void close() {
        db.close();
    }

    private static Optional<CloudEndpointRecord> findOne(Connection connection, String where, Object... args)
            throws SQLException {
        return findMany(connection, where + " LIMIT 1", args).stream().findFirst();
    }

    private static List<CloudEndpointRecord> findMany(Connection connection, String whereAndOrder, Object... args)
            throws SQLException {
        return SqliteDatabase.select(connection,
                "SELECT " + COLUMNS + " FROM cloud_endpoints WHERE " + whereAndOrder,
                SqliteCloudEndpointStore::read, args);
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
