package dev.portway.service.store;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SQLite file of a watchable store: one file, one JDBC connection, every call one transaction, plus the
 * revision counter and the change log that let watchers resume. The store keeps its own tables and SQL.
 * <p>
 * Durability: WAL journal with {@code synchronous=FULL}, so a commit is fsynced before it returns and survives
 * {@code kill -9} or power loss. {@code locking_mode=EXCLUSIVE} keeps a second process off the same file (its
 * in-memory view would go stale). Calls are serialized on the one connection.
 * <p>
 * Each change gets the next revision in the transaction that makes it and is appended to a {@code changes} table
 * trimmed to the retained count. The counter lives in a {@code meta} row apart from that (trimmed) log, so
 * revisions keep growing across restarts and trims.
 */
public final class SqliteDatabase implements AutoCloseable {

    /** Work done as one transaction, on the store's connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Creates a store's own tables and indexes ({@code IF NOT EXISTS}) and sets its schema version. */
    @FunctionalInterface
    public interface Tables {
        void create(Statement statement) throws SQLException;
    }

    /** Reads one row of a query into a record. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Turns one logged change back into the store's change type. */
    @FunctionalInterface
    public interface ChangeReader<C> {
        C read(long revision, String type, byte[] payload);
    }

    /**
     * What differs from one store to the next.
     *
     * @param owner                     the service, as error messages name it ("allocator")
     * @param revisionsRetainedProperty the property that sets how many changes are retained, named when it is wrong
     * @param payloadColumn             the column of {@code changes} that holds each change's serialized record
     * @param changeTypes               the change types, logged by name
     * @param tables                    creates the store's own tables
     */
    public record Layout(String owner, String revisionsRetainedProperty, String payloadColumn,
            Class<? extends Enum<?>> changeTypes, Tables tables) {
    }

    private final Path path;
    private final int revisionsRetained;
    private final Connection connection;
    private final String insertChange;
    private final String selectChangesAfter;
    private long lastRevision;
    private boolean closed;

    private SqliteDatabase(Path path, int revisionsRetained, Connection connection, String payloadColumn) {
        this.path = path;
        this.revisionsRetained = revisionsRetained;
        this.connection = connection;
        this.insertChange = "INSERT INTO changes (revision, type, " + payloadColumn + ") VALUES (?, ?, ?)";
        this.selectChangesAfter = "SELECT revision, type, " + payloadColumn
                + " FROM changes WHERE revision > ? ORDER BY revision";
    }

    /**
     * Opens (creating if needed) the file at {@code path} and its parent directories.
     *
     * @param revisionsRetained how many recent changes to keep for resuming watchers (at least 1)
     */
    public static SqliteDatabase open(Path path, int revisionsRetained, Layout layout) {
        if (revisionsRetained < 1) {
            throw new IllegalArgumentException(layout.revisionsRetainedProperty() + " must be at least 1, got "
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
            SqliteDatabase database = new SqliteDatabase(absolute, revisionsRetained, connection,
                    layout.payloadColumn());
            database.initialize(layout);
            return database;
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + absolute
                    + " (is another " + layout.owner() + " using it?): " + e.getMessage(), e);
        }
    }

    private void initialize(Layout layout) throws SQLException {
        String types = Arrays.stream(layout.changeTypes().getEnumConstants())
                .map(type -> "'" + type.name() + "'")
                .collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement()) {
            layout.tables().create(statement);
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS changes (\n"
                    + "  revision INTEGER PRIMARY KEY,\n"
                    + "  type TEXT NOT NULL CHECK (type IN (" + types + ")),\n"
                    + "  " + layout.payloadColumn() + " BLOB NOT NULL\n"
                    + ")");
            // The revision counter lives apart from the (trimmed) change log so it never goes back.
            statement.executeUpdate(
                    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            statement.executeUpdate("INSERT OR IGNORE INTO meta (key, value) VALUES ('last_revision', 0)");
            try (ResultSet rs = statement.executeQuery("SELECT value FROM meta WHERE key = 'last_revision'")) {
                rs.next();
                lastRevision = rs.getLong(1);
            }
        }
        connection.setAutoCommit(false);
    }

    public Path path() {
        return path;
    }

    /** A pragma's value, e.g. what the journal mode actually is (for tests and the startup log). */
    public synchronized String pragma(String name) {
        return inTransaction(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("PRAGMA " + name)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    /**
     * Runs the work as one transaction and commits it (fsync) before returning. On failure it is rolled back,
     * revisions taken in it included; an SQLException comes out as a {@link StoreException}.
     */
    public synchronized <T> T inTransaction(SqlWork<T> work) {
        checkOpen();
        long revisionBefore = lastRevision;
        try {
            T result = work.run(connection);
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

    /** The revision the next change gets. Inside a transaction, before {@link #logChange}. */
    public synchronized long nextRevision() {
        return lastRevision + 1;
    }

    /**
     * Appends a change to the log, advances the counter and trims what is no longer retained. Call it inside the
     * transaction that makes the change, with {@link #nextRevision()}.
     */
    public synchronized void logChange(long revision, Enum<?> type, byte[] payload) throws SQLException {
        try (PreparedStatement log = connection.prepareStatement(insertChange)) {
            log.setLong(1, revision);
            log.setString(2, type.name());
            log.setBytes(3, payload);
            log.executeUpdate();
        }
        try (PreparedStatement counter = connection.prepareStatement(
                "UPDATE meta SET value = ? WHERE key = 'last_revision'")) {
            counter.setLong(1, revision);
            counter.executeUpdate();
        }
        try (PreparedStatement trim = connection.prepareStatement("DELETE FROM changes WHERE revision <= ?")) {
            trim.setLong(1, revision - revisionsRetained);
            trim.executeUpdate();
        }
        lastRevision = revision;
    }

    /**
     * The changes after {@code revision}, oldest first; empty when some of them are no longer retained (or the
     * revision is ahead of this store), in which case the caller needs a snapshot.
     */
    public synchronized <C> Optional<List<C>> changesAfter(long revision, ChangeReader<C> reader) {
        return inTransaction(connection -> {
            if (revision < 0 || revision > lastRevision) {
                return Optional.empty();
            }
            if (revision == lastRevision) {
                return Optional.of(List.of());
            }
            List<C> changes = new ArrayList<>();
            long first = -1;
            try (PreparedStatement query = connection.prepareStatement(selectChangesAfter)) {
                query.setLong(1, revision);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        long logged = rs.getLong(1);
                        if (changes.isEmpty()) {
                            first = logged;
                        }
                        changes.add(reader.read(logged, rs.getString(2), rs.getBytes(3)));
                    }
                }
            }
            // Resumable only if the very next revision is still in the log (the log has no holes).
            if (changes.isEmpty() || first != revision + 1) {
                return Optional.empty();
            }
            return Optional.of(changes);
        });
    }

    /** The revision of the last committed change (0 before the first). */
    public synchronized long currentRevision() {
        checkOpen();
        return lastRevision;
    }

    /** Runs a trivial query; throws if the store cannot answer. */
    public synchronized void ping() {
        inTransaction(connection -> {
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

    /** Runs a query with positional arguments and reads every row. */
    public static <T> List<T> select(Connection connection, String sql, RowReader<T> reader, Object... args)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                query.setObject(i + 1, args[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("store " + path + " is closed", null);
        }
    }
}
