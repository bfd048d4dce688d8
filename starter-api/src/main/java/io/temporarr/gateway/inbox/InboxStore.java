package io.temporarr.gateway.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's durable inbox: deliveries Temporal could not take yet, in one SQLite file.
 *
 * <p><b>Durability.</b> The file runs in WAL mode with {@code synchronous=FULL}: every statement is
 * its own transaction, and SQLite fsyncs the write-ahead log before the commit returns. So once
 * {@link #enqueue} returned, the entry survives a {@code kill -9} of the gateway and a power loss.
 * The connection holds the file's lock exclusively ({@code locking_mode=EXCLUSIVE}): a second
 * gateway pointed at the same file fails to start instead of delivering the same entries twice.
 *
 * <p><b>Order and idempotency.</b> {@code sequence} is an {@code AUTOINCREMENT} key, so it only
 * grows and is never reused: {@link #head()} is always the oldest entry. {@code event_id} is
 * unique: a repeated delivery of an event that is still waiting is not stored again. Entries that
 * Temporal refused for good move to a separate dead-letter table, where the event ID is no longer
 * reserved.
 *
 * <p><b>A corrupt file</b> (not a database, or failing SQLite's {@code quick_check}) found on open
 * is moved aside, with its {@code -wal} and {@code -shm} files, as {@code <file>.corrupt-<epoch
 * millis>}, and a fresh inbox is opened in its place: the gateway keeps answering, {@link
 * #corruptFilesMovedAside()} (the {@code temporarr.gateway.inbox.corrupt} counter) raises the
 * alert, and the operator salvages what the old file still holds (docs/operations.md).
 *
 * <p>Thread-safe: one connection, one statement at a time. Failures are {@link InboxException}s.
 */
public final class InboxStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InboxStore.class);

  /** SQLite result codes of a damaged file: {@code SQLITE_CORRUPT}, {@code SQLITE_NOTADB}. */
  private static final Set<Integer> CORRUPT_CODES = Set.of(11, 26);

  /** Suffix of a corrupt file moved aside, followed by the epoch milliseconds of the move. */
  static final String CORRUPT_SUFFIX = ".corrupt-";

  /**
   * Bumped when the tables change; a file written by a newer gateway is refused. 2: {@code
   * correlation_id}, added to a version-1 file on open.
   */
  static final int SCHEMA_VERSION = 2;

  private static final int MAX_ERROR_LENGTH = 500;

  private final Path path;
  private final Clock clock;
  private final Connection connection;
  private final List<Runnable> enqueueListeners = new CopyOnWriteArrayList<>();
  private final List<Path> movedAside;

  /** One statement at a time; a lock, not a monitor, so virtual threads do not pin on fsync. */
  private final ReentrantLock lock = new ReentrantLock();

  private InboxStore(Path path, Clock clock, Connection connection, List<Path> movedAside) {
    this.path = path;
    this.clock = clock;
    this.connection = connection;
    this.movedAside = List.copyOf(movedAside);
  }

  /**
   * Opens (creating folder, file and tables when missing) the inbox at {@code path}; a corrupt file
   * is moved aside and replaced by a fresh one.
   *
   * @throws InboxException when the file cannot be created, opened, locked or is of a newer schema
   */
  public static InboxStore open(Path path, Clock clock) {
    Path file = path.toAbsolutePath().normalize();
    try {
      return new InboxStore(file, clock, connect(file), List.of());
    } catch (InboxException e) {
      if (!isCorrupt(e)) {
        throw e;
      }
      Path aside = moveAside(file, clock);
      log.error(
          "The inbox {} is corrupt; moved it aside as {} and opened a fresh inbox. Entries it still"
              + " holds are not delivered: see the runbook \"corrupt inbox\" in docs/operations.md",
          file,
          aside,
          e);
      return new InboxStore(file, clock, connect(file), List.of(aside));
    }
  }

  /** Where corrupt files found on open were moved (empty when the file was sound). */
  public List<Path> movedAside() {
    return movedAside;
  }

  /** Corrupt files this store moved aside when it opened: 0 or 1. */
  public long corruptFilesMovedAside() {
    return movedAside.size();
  }

  private static boolean isCorrupt(InboxException e) {
    if (e.corrupt) {
      return true;
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && CORRUPT_CODES.contains(sql.getErrorCode() & 0xff)) {
        return true;
      }
    }
    return false;
  }

  /** Renames the file and its WAL companions to {@code <file>.corrupt-<millis>[-wal|-shm]}. */
  private static Path moveAside(Path file, Clock clock) {
    Path aside = file.resolveSibling(file.getFileName() + CORRUPT_SUFFIX + clock.millis());
    try {
      for (String companion : List.of("-wal", "-shm")) {
        Path part = file.resolveSibling(file.getFileName() + companion);
        if (Files.exists(part)) {
          Files.move(part, aside.resolveSibling(aside.getFileName() + companion));
        }
      }
      Files.move(file, aside);
      return aside;
    } catch (IOException e) {
      throw new InboxException("cannot move the corrupt inbox " + file + " aside", e);
    }
  }

  private static Connection connect(Path file) {
    Connection connection = null;
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA busy_timeout = 2000");
        statement.execute("PRAGMA locking_mode = EXCLUSIVE");
        try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
          if (!mode.next() || !"wal".equalsIgnoreCase(mode.getString(1))) {
            throw new InboxException("cannot switch " + file + " to WAL mode", null);
          }
        }
        statement.execute("PRAGMA synchronous = FULL");
        String check = stringPragma(statement, "quick_check");
        if (!"ok".equals(check)) {
          throw new InboxException(file + " fails quick_check: " + truncate(check), null, true);
        }
        int version = intPragma(statement, "user_version");
        if (version > SCHEMA_VERSION) {
          throw new InboxException(
              file + " was written by a newer gateway (schema " + version + ")", null);
        }
        createTables(statement);
        addCorrelationColumn(statement, "inbox");
        addCorrelationColumn(statement, "inbox_dead");
        statement.execute("PRAGMA user_version = " + SCHEMA_VERSION);
      }
      return connection;
    } catch (IOException e) {
      closeQuietly(connection);
      throw new InboxException("cannot create the folder of " + file, e);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection);
      if (e instanceof InboxException inbox) {
        throw inbox;
      }
      throw new InboxException("cannot open the inbox " + file, e);
    }
  }

  private static void createTables(Statement statement) throws SQLException {
    statement.execute(
        """
        CREATE TABLE IF NOT EXISTS inbox (
          sequence    INTEGER PRIMARY KEY AUTOINCREMENT,
          kind        TEXT    NOT NULL,
          workflow_id TEXT    NOT NULL,
          event_id    TEXT    NOT NULL UNIQUE,
          payload     TEXT    NOT NULL,
          enqueued_at INTEGER NOT NULL,
          attempts    INTEGER NOT NULL DEFAULT 0,
          last_error  TEXT,
          correlation_id TEXT
        )""");
    statement.execute(
        """
        CREATE TABLE IF NOT EXISTS inbox_dead (
          sequence    INTEGER PRIMARY KEY,
          kind        TEXT    NOT NULL,
          workflow_id TEXT    NOT NULL,
          event_id    TEXT    NOT NULL,
          payload     TEXT    NOT NULL,
          enqueued_at INTEGER NOT NULL,
          attempts    INTEGER NOT NULL,
          last_error  TEXT    NOT NULL,
          dead_at     INTEGER NOT NULL,
          correlation_id TEXT
        )""");
    statement.execute(
        "CREATE TABLE IF NOT EXISTS inbox_probe (id INTEGER PRIMARY KEY, written_at INTEGER)");
  }

  /** A file of schema 1 lacks the column: added, empty, so its entries deliver as before. */
  private static void addCorrelationColumn(Statement statement, String table) throws SQLException {
    boolean present = false;
    try (ResultSet columns = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (columns.next()) {
        present |= "correlation_id".equals(columns.getString("name"));
      }
    }
    if (!present) {
      statement.execute("ALTER TABLE " + table + " ADD COLUMN correlation_id TEXT");
    }
  }

  /** The database file. */
  public Path path() {
    return path;
  }

  /** Runs {@code listener} after every entry that {@link #enqueue} stored. */
  public void onEnqueue(Runnable listener) {
    enqueueListeners.add(listener);
  }

  /**
   * Stores a delivery at the end of the inbox; durable (fsynced) when this returns.
   *
   * @return true when stored, false when an entry with this event ID is already waiting
   */
  public boolean enqueue(InboxKind kind, String workflowId, String eventId, String payload) {
    return enqueue(kind, workflowId, eventId, payload, null);
  }

  /**
   * Stores a delivery with the correlation ID of the request that accepted it, so that its later
   * delivery (after a restart too) carries the same ID to Temporal.
   *
   * @return true when stored, false when an entry with this event ID is already waiting
   */
  public boolean enqueue(
      InboxKind kind, String workflowId, String eventId, String payload, String correlationId) {
    boolean stored;
    lock.lock();
    try {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO inbox (kind, workflow_id, event_id, payload, enqueued_at,"
                  + " correlation_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
        insert.setString(1, kind.code());
        insert.setString(2, workflowId);
        insert.setString(3, eventId);
        insert.setString(4, payload);
        insert.setLong(5, clock.millis());
        insert.setString(6, correlationId);
        stored = insert.executeUpdate() == 1;
      } catch (SQLException e) {
        throw new InboxException("cannot store an inbox entry", e);
      }
    } finally {
      lock.unlock();
    }
    if (stored) {
      enqueueListeners.forEach(Runnable::run);
    }
    return stored;
  }

  public boolean isEmpty() {
    lock.lock();
    try {
      return query("SELECT NOT EXISTS (SELECT 1 FROM inbox)", rs -> rs.getBoolean(1));
    } finally {
      lock.unlock();
    }
  }

  /** The oldest waiting entry. */
  public Optional<InboxEntry> head() {
    lock.lock();
    try {
      List<InboxEntry> head = entries("inbox", 1);
      return head.isEmpty() ? Optional.empty() : Optional.of(head.get(0));
    } finally {
      lock.unlock();
    }
  }

  /** Waiting entries, oldest first (for inspection and tests). */
  public List<InboxEntry> waiting(int limit) {
    lock.lock();
    try {
      return entries("inbox", limit);
    } finally {
      lock.unlock();
    }
  }

  /** Dead letters, oldest first. */
  public List<InboxEntry> dead(int limit) {
    lock.lock();
    try {
      return entries("inbox_dead", limit);
    } finally {
      lock.unlock();
    }
  }

  /** Removes an entry Temporal accepted. */
  public void delivered(long sequence) {
    lock.lock();
    try {
      update("DELETE FROM inbox WHERE sequence = ?", sequence);
    } finally {
      lock.unlock();
    }
  }

  /** Records a failed attempt; the entry stays at its place. */
  public void failed(long sequence, String error) {
    lock.lock();
    try {
      try (PreparedStatement failed =
          connection.prepareStatement(
              "UPDATE inbox SET attempts = attempts + 1, last_error = ? WHERE sequence = ?")) {
        failed.setString(1, truncate(error));
        failed.setLong(2, sequence);
        failed.executeUpdate();
      } catch (SQLException e) {
        throw new InboxException("cannot record a failed delivery", e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Moves an entry to the dead letters (one transaction), counting the attempt that failed. */
  public void dead(long sequence, String error) {
    lock.lock();
    try {
      try {
        connection.setAutoCommit(false);
        try (PreparedStatement move =
                connection.prepareStatement(
                    "INSERT INTO inbox_dead (sequence, kind, workflow_id, event_id, payload,"
                        + " enqueued_at, attempts, last_error, dead_at, correlation_id)"
                        + " SELECT sequence, kind, workflow_id, event_id, payload, enqueued_at,"
                        + " attempts + 1, ?, ?, correlation_id FROM inbox WHERE sequence = ?");
            PreparedStatement delete =
                connection.prepareStatement("DELETE FROM inbox WHERE sequence = ?")) {
          move.setString(1, truncate(error));
          move.setLong(2, clock.millis());
          move.setLong(3, sequence);
          move.executeUpdate();
          delete.setLong(1, sequence);
          delete.executeUpdate();
          connection.commit();
        } catch (SQLException e) {
          connection.rollback();
          throw e;
        } finally {
          connection.setAutoCommit(true);
        }
      } catch (SQLException e) {
        throw new InboxException("cannot move an entry to the dead letters", e);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Deletes the dead letters that became dead before {@code cutoff} (their retention is over).
   *
   * @return how many were deleted
   */
  public int purgeDead(Instant cutoff) {
    lock.lock();
    try (PreparedStatement purge =
        connection.prepareStatement("DELETE FROM inbox_dead WHERE dead_at < ?")) {
      purge.setLong(1, cutoff.toEpochMilli());
      return purge.executeUpdate();
    } catch (SQLException e) {
      throw new InboxException("cannot delete expired dead letters", e);
    } finally {
      lock.unlock();
    }
  }

  /** Number of waiting entries. */
  public long depth() {
    lock.lock();
    try {
      return query("SELECT COUNT(*) FROM inbox", rs -> rs.getLong(1));
    } finally {
      lock.unlock();
    }
  }

  public long deadCount() {
    lock.lock();
    try {
      return query("SELECT COUNT(*) FROM inbox_dead", rs -> rs.getLong(1));
    } finally {
      lock.unlock();
    }
  }

  /** When the oldest waiting entry was stored. */
  public Optional<Instant> oldestEnqueuedAt() {
    lock.lock();
    try {
      return Optional.ofNullable(
          query(
              "SELECT enqueued_at FROM inbox ORDER BY sequence LIMIT 1",
              rs -> Instant.ofEpochMilli(rs.getLong(1))));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes and fsyncs one small row: proves that the file still takes writes (disk full, file gone
   * read-only, I/O errors).
   *
   * @throws InboxException when it does not
   */
  public void probeWrite() {
    lock.lock();
    try {
      update("INSERT OR REPLACE INTO inbox_probe (id, written_at) VALUES (1, ?)", clock.millis());
    } finally {
      lock.unlock();
    }
  }

  /** A PRAGMA of this connection (tests check durability settings with it). */
  String pragma(String name) {
    lock.lock();
    try {
      return query("PRAGMA " + name, rs -> rs.getString(1));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closeQuietly(connection);
    } finally {
      lock.unlock();
    }
  }

  private List<InboxEntry> entries(String table, int limit) {
    List<InboxEntry> entries = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT sequence, kind, workflow_id, event_id, payload, enqueued_at, attempts,"
                + " last_error, correlation_id FROM "
                + table
                + " ORDER BY sequence LIMIT ?")) {
      select.setInt(1, limit);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          entries.add(
              new InboxEntry(
                  rs.getLong(1),
                  InboxKind.fromCode(rs.getString(2)),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  Instant.ofEpochMilli(rs.getLong(6)),
                  rs.getInt(7),
                  rs.getString(8),
                  rs.getString(9)));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new InboxException("cannot read the inbox", e);
    }
  }

  private void update(String sql, long value) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, value);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new InboxException("cannot write the inbox", e);
    }
  }

  private interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** The first row's value, or null when there is none. */
  private <T> T query(String sql, Row<T> row) {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return rs.next() ? row.read(rs) : null;
    } catch (SQLException e) {
      throw new InboxException("cannot read the inbox", e);
    }
  }

  private static String stringPragma(Statement statement, String pragma) throws SQLException {
    try (ResultSet rs = statement.executeQuery("PRAGMA " + pragma)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static int intPragma(Statement statement, String pragma) throws SQLException {
    try (ResultSet rs = statement.executeQuery("PRAGMA " + pragma)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static String truncate(String error) {
    String text = error == null ? "unknown" : error;
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing after a failure: the first failure is the one worth reporting.
    }
  }

  /**
   * The inbox file could not be opened, read or written (a full disk, a read-only or failing
   * filesystem, a damaged file). The gateway answers a delivery that needed the inbox with 503 and
   * {@code Retry-After}.
   */
  public static final class InboxException extends RuntimeException {
    private final boolean corrupt;

    public InboxException(String message, Throwable cause) {
      this(message, cause, false);
    }

    InboxException(String message, Throwable cause, boolean corrupt) {
      super(message, cause);
      this.corrupt = corrupt;
    }
  }
}
