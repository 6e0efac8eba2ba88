package dev.portway.allocator.store;

import dev.portway.allocator.codec.AddressProtoCodec;
import dev.portway.allocator.model.AddressKind;
import dev.portway.allocator.model.AddressRecord;
import dev.portway.allocator.model.Change;
import dev.portway.allocator.model.ChangeType;
import dev.portway.allocator.model.HostPort;
import dev.portway.allocator.model.Snapshot;
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
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded store: one SQLite file, one JDBC connection, every call one transaction.
 * <p>
 * Durability: WAL journal with {@code synchronous=FULL}, so a commit is fsynced before it returns and
 * survives {@code kill -9} or power loss. {@code UNIQUE(host, port)} makes double allocation impossible
 * even if the in-memory view were wrong. {@code locking_mode=EXCLUSIVE} keeps a second allocator process
 * off the same file (its in-memory view would go stale). Calls are serialized on the one connection.
 */
public final class SqliteAddressStore implements AddressStore {

    private static final int SCHEMA_VERSION = 1;
    private static final String COLUMNS =
            "id, host, port, account, description, metadata, created_at_ms, kind, lease_expires_at_ms, revision";

    private final Path path;
    private final int revisionsRetained;
    private final Connection connection;
    private long lastRevision;
    private boolean closed;

    private SqliteAddressStore(Path path, int revisionsRetained, Connection connection) {
        this.path = path;
        this.revisionsRetained = revisionsRetained;
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) the store at {@code path}.
     *
     * @param revisionsRetained how many recent changes to keep for resuming watchers (at least 1)
     */
    public static SqliteAddressStore open(Path path, int revisionsRetained) {
        if (revisionsRetained < 1) {
            throw new IllegalArgumentException(
                    "portway.allocator.revisions-retained must be at least 1, got " + revisionsRetained);
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
            SqliteAddressStore store = new SqliteAddressStore(absolute, revisionsRetained, connection);
            store.initialize();
            return store;
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + absolute
                    + " (is another allocator using it?): " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    private void initialize() throws SQLException {
        try (Statement statement = connection.createStatement()) {
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
            statement.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS changes (
                      revision INTEGER PRIMARY KEY,
                      type TEXT NOT NULL CHECK (type IN ('RESERVED', 'RELEASED')),
                      address BLOB NOT NULL
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

    /** What the journal mode actually is (for tests and the startup log). */
    public synchronized String pragma(String name) {
        return inTransaction(() -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("PRAGMA " + name)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Override
    public synchronized Change insert(AddressRecord draft) {
        return inTransaction(() -> {
            long revision = lastRevision + 1;
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
            return recordChange(new Change(revision, ChangeType.RESERVED, stored));
        });
    }

    @Override
    public synchronized Optional<Change> delete(String id) {
        return inTransaction(() -> {
            Optional<AddressRecord> existing = findOne("id = ?", id);
            if (existing.isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM addresses WHERE id = ?")) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
            long revision = lastRevision + 1;
            return Optional.of(recordChange(
                    new Change(revision, ChangeType.RELEASED, existing.get().withRevision(revision))));
        });
    }

    /** Appends to the change log, advances the counter and trims what is no longer retained. */
    private Change recordChange(Change change) throws SQLException {
        try (PreparedStatement log = connection.prepareStatement(
                "INSERT INTO changes (revision, type, address) VALUES (?, ?, ?)")) {
            log.setLong(1, change.revision());
            log.setString(2, change.type().name());
            log.setBytes(3, AddressProtoCodec.toBytes(change.address()));
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
    public synchronized Set<String> renewLeases(Collection<String> ids, Instant leaseExpiresAt) {
        return inTransaction(() -> {
            Set<String> missing = new LinkedHashSet<>();
            try (PreparedStatement renew = connection.prepareStatement(
                    "UPDATE addresses SET lease_expires_at_ms = ? WHERE id = ? AND kind = 'EPHEMERAL'")) {
                for (String id : ids) {
                    renew.setLong(1, leaseExpiresAt.toEpochMilli());
                    renew.setString(2, id);
                    if (renew.executeUpdate() == 0 && findOne("id = ?", id).isEmpty()) {
                        missing.add(id);
                    }
                }
            }
            return missing;
        });
    }

    @Override
    public synchronized void extendEphemeralLeasesTo(Instant atLeast) {
        inTransaction(() -> {
            try (PreparedStatement extend = connection.prepareStatement("UPDATE addresses"
                    + " SET lease_expires_at_ms = ? WHERE kind = 'EPHEMERAL' AND lease_expires_at_ms < ?")) {
                extend.setLong(1, atLeast.toEpochMilli());
                extend.setLong(2, atLeast.toEpochMilli());
                return extend.executeUpdate();
            }
        });
    }

    @Override
    public synchronized Optional<AddressRecord> findById(String id) {
        return inTransaction(() -> findOne("id = ?", id));
    }

    @Override
    public synchronized Optional<AddressRecord> findByHostPort(String host, int port) {
        return inTransaction(() -> findOne("host = ? AND port = ?", host, port));
    }

    @Override
    public synchronized List<AddressRecord> listByAccount(String account, HostPort after, int limit) {
        return inTransaction(() -> after == null
                ? findMany("account = ? ORDER BY host, port LIMIT ?", account, limit)
                : findMany("account = ? AND (host > ? OR (host = ? AND port > ?)) ORDER BY host, port LIMIT ?",
                        account, after.host(), after.host(), after.port(), limit));
    }

    @Override
    public synchronized List<AddressRecord> findExpired(Instant now, int limit) {
        return inTransaction(() -> findMany(
                "kind = 'EPHEMERAL' AND lease_expires_at_ms <= ? ORDER BY lease_expires_at_ms LIMIT ?",
                now.toEpochMilli(), limit));
    }

    @Override
    public synchronized Snapshot snapshot() {
        return inTransaction(() -> new Snapshot(lastRevision, findMany("1 = 1 ORDER BY host, port")));
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
                    "SELECT revision, type, address FROM changes WHERE revision > ? ORDER BY revision")) {
                query.setLong(1, revision);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        changes.add(new Change(rs.getLong(1), ChangeType.valueOf(rs.getString(2)),
                                AddressProtoCodec.fromBytes(rs.getBytes(3))));
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

    private Optional<AddressRecord> findOne(String where, Object... args) throws SQLException {
        List<AddressRecord> found = findMany(where + " LIMIT 1", args);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<AddressRecord> findMany(String whereAndOrder, Object... args) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM addresses WHERE " + whereAndOrder)) {
            for (int i = 0; i < args.length; i++) {
                query.setObject(i + 1, args[i]);
            }
            List<AddressRecord> records = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    records.add(read(rs));
                }
            }
            return records;
        }
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
