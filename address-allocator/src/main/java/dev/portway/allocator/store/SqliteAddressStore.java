package dev.portway.allocator.store;

import dev.portway.allocator.codec.AddressProtoCodec;
import dev.portway.allocator.model.AddressKind;
import dev.portway.allocator.model.AddressRecord;
import dev.portway.allocator.model.Change;
import dev.portway.allocator.model.ChangeType;
import dev.portway.allocator.model.HostPort;
import dev.portway.allocator.model.Snapshot;
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
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded store: the {@code addresses} table in a {@link SqliteDatabase} (one SQLite file, one JDBC
 * connection, every call one transaction, WAL with {@code synchronous=FULL}, {@code locking_mode=EXCLUSIVE}, the
 * revision counter and the change log).
 * <p>
 * {@code UNIQUE(host, port)} makes double allocation impossible even if the in-memory view were wrong; the
 * exclusive lock keeps a second allocator process off the same file (its in-memory view would go stale).
 */
public final class SqliteAddressStore implements AddressStore {

    private static final int SCHEMA_VERSION = 1;
    private static final String COLUMNS =
            "id, host, port, account, description, metadata, created_at_ms, kind, lease_expires_at_ms, revision";
    private static final SqliteDatabase.Layout LAYOUT = new SqliteDatabase.Layout("allocator",
            "portway.allocator.revisions-retained", "address", ChangeType.class, SqliteAddressStore::createTables);

    private final SqliteDatabase db;

    private SqliteAddressStore(SqliteDatabase db) {
        this.db = db;
    }

    /**
     * Opens (creating if needed) the store at {@code path}.
     *
     * @param revisionsRetained how many recent changes to keep for resuming watchers (at least 1)
     */
    public static SqliteAddressStore open(Path path, int revisionsRetained) {
        return new SqliteAddressStore(SqliteDatabase.open(path, revisionsRetained, LAYOUT));
    }

    public Path path() {
        return db.path();
    }

    private static void createTables(Statement statement) throws SQLException {
        statement.executeUpdate("""
                CREATE TABLE IF NOT EXISTS addresses (
                  id TEXT PRIMARY KEY,
                  host TEXT NOT NULL,
                  port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
                  account TEXT NOT NULL,
                  description TEXT NOT NULL,
                  metadata BLOB NOT NULL,
                  created_at_ms INTEGER NOT NULL,
                  kind TEXT NOT NULL CHECK (kind IN ('RESERVED', 'EPHEMERAL')),
                  lease_expires_at_ms INTEGER,
                  revision INTEGER NOT NULL,
                  UNIQUE (host, port)
                )""");
        statement.executeUpdate(
                "CREATE INDEX IF NOT EXISTS addresses_by_account ON addresses (account, host, port)");
        statement.executeUpdate("CREATE INDEX IF NOT EXISTS addresses_by_lease"
                + " ON addresses (lease_expires_at_ms) WHERE lease_expires_at_ms IS NOT NULL");
        statement.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
    }

    /** What the journal mode actually is (for tests and the startup log). */
    public String pragma(String name) {
        return db.pragma(name);
    }

    @Override
    public Change insert(AddressRecord draft) {
        return db.inTransaction(connection -> {
            long revision = db.nextRevision();
            AddressRecord stored = draft.withRevision(revision);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO addresses (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, stored);
                insert.executeUpdate();
            } catch (SQLiteException e) {
                if (e.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                        || e.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
                    throw new HostPortTakenException(draft.hostPort(), e);
                }
                throw e;
            }
            return logged(new Change(revision, ChangeType.RESERVED, stored));
        });
    }

    @Override
    public Optional<Change> delete(String id) {
        return db.inTransaction(connection -> {
            Optional<AddressRecord> existing = findOne(connection, "id = ?", id);
            if (existing.isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM addresses WHERE id = ?")) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
            long revision = db.nextRevision();
            return Optional.of(logged(
                    new Change(revision, ChangeType.RELEASED, existing.get().withRevision(revision))));
        });
    }

    private Change logged(Change change) throws SQLException {
        db.logChange(change.revision(), change.type(), AddressProtoCodec.toBytes(change.address()));
        return change;
    }

    @Override
    public Set<String> renewLeases(Collection<String> ids, Instant leaseExpiresAt) {
        return db.inTransaction(connection -> {
            Set<String> missing = new LinkedHashSet<>();
            try (PreparedStatement renew = connection.prepareStatement(
                    "UPDATE addresses SET lease_expires_at_ms = ? WHERE id = ? AND kind = 'EPHEMERAL'")) {
                for (String id : ids) {
                    renew.setLong(1, leaseExpiresAt.toEpochMilli());
                    renew.setString(2, id);
                    if (renew.executeUpdate() == 0 && findOne(connection, "id = ?", id).isEmpty()) {
                        missing.add(id);
                    }
                }
            }
            return missing;
        });
    }

    @Override
    public void extendEphemeralLeasesTo(Instant atLeast) {
        db.inTransaction(connection -> {
            try (PreparedStatement extend = connection.prepareStatement("UPDATE addresses"
                    + " SET lease_expires_at_ms = ? WHERE kind = 'EPHEMERAL' AND lease_expires_at_ms < ?")) {
                extend.setLong(1, atLeast.toEpochMilli());
                extend.setLong(2, atLeast.toEpochMilli());
                return extend.executeUpdate();
            }
        });
    }

    @Override
    public Optional<AddressRecord> findById(String id) {
        return db.inTransaction(connection -> findOne(connection, "id = ?", id));
    }

    @Override
    public Optional<AddressRecord> findByHostPort(String host, int port) {
        return db.inTransaction(connection -> findOne(connection, "host = ? AND port = ?", host, port));
    }

    @Override
    public List<AddressRecord> listByAccount(String account, HostPort after, int limit) {
        return db.inTransaction(connection -> after == null
                ? findMany(connection, "account = ? ORDER BY host, port LIMIT ?", account, limit)
                : findMany(connection,
                        "account = ? AND (host > ? OR (host = ? AND port > ?)) ORDER BY host, port LIMIT ?",
                        account, after.host(), after.host(), after.port(), limit));
    }

    @Override
    public List<AddressRecord> findExpired(Instant now, int limit) {
        return db.inTransaction(connection -> findMany(connection,
                "kind = 'EPHEMERAL' AND lease_expires_at_ms <= ? ORDER BY lease_expires_at_ms LIMIT ?",
                now.toEpochMilli(), limit));
    }

    @Override
    public Snapshot snapshot() {
        return db.inTransaction(connection ->
                new Snapshot(db.currentRevision(), findMany(connection, "1 = 1 ORDER BY host, port")));
    }

    @Override
    public Optional<List<Change>> changesAfter(long revision) {
        return db.changesAfter(revision, (logged, type, address) ->
                new Change(logged, ChangeType.valueOf(type), AddressProtoCodec.fromBytes(address)));
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

    private static Optional<AddressRecord> findOne(Connection connection, String where, Object... args)
            throws SQLException {
        return findMany(connection, where + " LIMIT 1", args).stream().findFirst();
    }

    private static List<AddressRecord> findMany(Connection connection, String whereAndOrder, Object... args)
            throws SQLException {
        return SqliteDatabase.select(connection, "SELECT " + COLUMNS + " FROM addresses WHERE " + whereAndOrder,
                SqliteAddressStore::read, args);
    }

    private static void bind(PreparedStatement statement, AddressRecord record) throws SQLException {
        statement.setString(1, record.id());
        statement.setString(2, record.host());
        statement.setInt(3, record.port());
        statement.setString(4, record.account());
        statement.setString(5, record.description());
        statement.setBytes(6, MetadataCodec.encode(record.metadata()));
        statement.setLong(7, record.createdAt().toEpochMilli());
        statement.setString(8, record.kind().name());
        if (record.leaseExpiresAt() == null) {
            statement.setNull(9, Types.INTEGER);
        } else {
            statement.setLong(9, record.leaseExpiresAt().toEpochMilli());
        }
        statement.setLong(10, record.revision());
    }

    private static AddressRecord read(ResultSet rs) throws SQLException {
        long lease = rs.getLong(9);
        boolean hasLease = !rs.wasNull();
        return new AddressRecord(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                rs.getString(5), MetadataCodec.decode(rs.getBytes(6)), Instant.ofEpochMilli(rs.getLong(7)),
                AddressKind.valueOf(rs.getString(8)), hasLease ? Instant.ofEpochMilli(lease) : null,
                rs.getLong(10));
    }
}
