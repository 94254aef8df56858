package io.spate.duckdb;

import io.spate.batch.ColumnVector;
import io.spate.batch.RowBatch;
import io.spate.destination.Destination;
import io.spate.destination.TableSchema;
import io.spate.destination.sql.SqlDestination;
import io.spate.destination.sql.SqlDialect;
import io.spate.destination.sql.SqlTable;
import io.spate.destination.sql.StoredColumn;
import io.spate.duckdb.BatchScan.Target;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import io.spate.sdk.SpateException.Category;
import io.spate.sdk.SystemColumns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded DuckDB warehouse, a {@link SqlDestination}. One connection holds one open transaction between
 * commits: every write of a round (DDL included) happens in it, and {@link #commit} writes the state row into it
 * and commits, so data and state become durable together (DuckDB's write-ahead log) or not at all.
 *
 * <p>Rows are loaded a batch at a time by {@link BatchScan} (one {@code INSERT ... SELECT} scanning the batch's
 * vectors), never with row-by-row SQL. An upsert whose keys are all above the largest key of the table cannot
 * replace anything and is inserted straight into the table; any other upsert is loaded into a temporary
 * staging table and merged: the table's rows with a staged key are deleted and
 * the staged rows inserted. Updates and deletes are staged the same way and applied with one
 * {@code UPDATE ... FROM}.
 *
 * <p>Called from one thread at a time, as {@link Destination} says.
 */
public final class DuckDbDestination extends SqlDestination {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbDestination.class);
    /**
     * WAL size at which DuckDB checkpoints; bounds the memory of committed rows not yet in the file (~the same
     * size again: measured 75 MB at 64MB, 290 MB at 256MB for the orders shape) and the time of recovery.
     */
    private static final String CHECKPOINT_THRESHOLD = "64MB";
    /**
     * DuckDB's memory limit unless one is given. DuckDB's own default (80% of RAM) lets a long transaction
     * keep every row group it wrote cached: 2 GB for 10M rows in one transaction; with this limit DuckDB
     * evicts them (they are on disk) at no measured cost, and spills merges to disk beyond it.
     */
    static final String DEFAULT_MEMORY_LIMIT = "512MB";
    /**
     * Rows per row group as the warehouse is written. DuckDB writes a transaction's full row groups straight
     * into the file and logs only the rest; at its default of 122,880 rows a checkpoint of 50,000 or 100,000
     * rows never fills one, so every row went through the WAL and later into the file again. With 32,768 a
     * commit of 50,000 rows loaded 1.07M rows/s instead of 0.78M (100,000: 1.10M instead of 0.83M), for a
     * file about 25% larger and the same query times. A setting of the session, not of the file.
     */
    static final int ROW_GROUP_SIZE = 32_768;
    /** The name the warehouse file is attached under, and made the default catalog. */
    private static final String CATALOG = "warehouse";

    /**
     * DuckDB's threads unless a number is given: half the cores. Rows reach DuckDB one batch at a time on
     * one thread, and spate's own threads read and type them on the other cores; with a thread per core
     * DuckDB's extra threads cost CPU without gain (5M orders rows on 2 cores: 9.1 s CPU with one DuckDB
     * thread, 13.3 s with two, and slower).
     */
    static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
    private static final String STATE_SCHEMA = "main";
    private static final String STATE_TABLE_NAME = "_spate_state";
    private static final String STATE_TABLE = Sql.qualified(STATE_SCHEMA, STATE_TABLE_NAME);
    /** DuckDB matches identifiers whatever their case, quoted or not. */
    private static final SqlDialect DIALECT = new SqlDialect(Sql::quote, Sql::qualified, DuckDbTypes::sqlType,
            DuckDbTypes::fromSql, Sql::timestampTz, Sql::errorMessage, false);

    private final Path database;
    private final BatchScan scan;
    /** What is known of fresh key prefixes per table: absent until loaded; loaded as empty when not tracked. */
    private final Map<SqlTable, Optional<FreshPrefixes>> freshPrefixes = new HashMap<>();

    private DuckDbDestination(Path database, String defaultSchema, DuckDBConnection connection, BatchScan scan) {
        super(connection, DIALECT, defaultSchema, STATE_TABLE, STATE_TABLE_NAME);
        this.database = database;
        this.scan = scan;
    }

    /**
     * Opens (creating when missing) the warehouse file.
     *
     * @param database the database file
     * @param defaultSchema the DuckDB schema of tables whose {@link TableSchema} names none
     * @param memoryLimit DuckDB's {@code memory_limit} (e.g. {@code 1GB}); {@value #DEFAULT_MEMORY_LIMIT} when empty
     * @param threads DuckDB's {@code threads}; {@link #defaultThreads()} when empty
     */
    public static DuckDbDestination open(Path database, String defaultSchema, Optional<String> memoryLimit,
            Optional<Integer> threads) {
        Path file = database.toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new SpateException(Category.CONFIG, "cannot create the directory of the DuckDB warehouse " + file
                    + ": " + e.getMessage(), e);
        }
        DuckDBConnection connection;
        try {
            connection = attached(file);
        } catch (SQLException e) {
            throw new SpateException(Category.CONFIG, "cannot open the DuckDB warehouse " + file + ": " + Sql.errorMessage(e)
                    + " (is another process using it?)", e);
        }
        return openOn(connection, () -> {
            DuckDbDestination destination = new DuckDbDestination(file, defaultSchema, connection, BatchScan.register(connection));
            destination.configure(memoryLimit, threads);
            return destination;
        }, e -> "cannot set up the DuckDB warehouse " + file + ": " + e.getMessage());
    }

    /** An in-memory DuckDB with the warehouse file attached as its default catalog, at {@link #ROW_GROUP_SIZE}. */
    private static DuckDBConnection attached(Path file) throws SQLException {
        DuckDBConnection connection = (DuckDBConnection) DuckDbConnections.open("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("ATTACH " + Sql.literal(file.toString()) + " AS " + Sql.quote(CATALOG)
                    + " (ROW_GROUP_SIZE " + ROW_GROUP_SIZE + ")");
            statement.execute("USE " + Sql.quote(CATALOG));
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private void configure(Optional<String> memoryLimit, Optional<Integer> threads) throws SQLException {
        // Fixed time zone: TIMESTAMPTZ values are written and read as UTC, whatever the machine's zone.
        run("SET TimeZone = 'UTC'");
        // Rows of a table have no order; dropping it lets DuckDB insert in parallel and use less memory.
        run("SET preserve_insertion_order = false");
        // A commit of a few ten thousand rows is otherwise written as a checkpoint of its own (DuckDB skips
        // the WAL above ~100 KB), rewriting the table's last row group at every commit: 2x slower. Commits go
        // to the WAL instead, and the WAL is checkpointed into the file every CHECKPOINT_THRESHOLD.
        run("SET auto_checkpoint_skip_wal_threshold = " + Long.MAX_VALUE / 2);
        run("SET checkpoint_threshold = " + Sql.literal(CHECKPOINT_THRESHOLD));
        run("SET memory_limit = " + Sql.literal(memoryLimit.orElse(DEFAULT_MEMORY_LIMIT)));
        run("SET threads = " + threads.orElseGet(DuckDbDestination::defaultThreads));
        run("CREATE TABLE IF NOT EXISTS " + STATE_TABLE
                + " (pipeline_id VARCHAR PRIMARY KEY, sequence BIGINT, state JSON, committed_at TIMESTAMPTZ)");
        // Autocommit stays on at the JDBC level and the transaction is explicit, spanning every statement of a round.
        run("BEGIN TRANSACTION");
    }

    /** The database file. */
    public Path database() {
        return database;
    }

    // ---- dialect

    @Override
    protected String where() {
        return "DuckDB warehouse " + database;
    }

    @Override
    protected String columnsQuery() {
        return "SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = current_database()"
                + " AND lower(table_schema) = lower(?) AND lower(table_name) = lower(?) ORDER BY ordinal_position";
    }

    @Override
    protected List<String> columnsQueryParameters(String schema, String table) {
        return List.of(schema, table);
    }

    @Override
    protected void createTable(String schemaName, TableSchema schema, String columnDefinitions) {
        execute("CREATE SCHEMA IF NOT EXISTS " + Sql.quote(schemaName), () -> "cannot create schema " + schemaName);
        execute("CREATE TABLE IF NOT EXISTS " + Sql.qualified(schemaName, schema.name()) + " (" + columnDefinitions + ")",
                () -> "cannot create table " + schemaName + "." + schema.name());
    }

    @Override
    protected Optional<String> widening(SqlTable table, String quotedColumn, DataType stored, DataType wanted) {
        if (DuckDbTypes.holds(stored, wanted)) {
            return Optional.empty();
        }
        return Optional.of("ALTER TABLE " + table.sqlName() + " ALTER COLUMN " + quotedColumn + " SET DATA TYPE "
                + DuckDbTypes.sqlType(DuckDbTypes.widened(stored, wanted)));
    }

    @Override
    protected String saveStateSql() {
        return "INSERT OR REPLACE INTO " + STATE_TABLE + " VALUES (?, ?, CAST(? AS JSON), " + Sql.timestampTz(Instant.now()) + ")";
    }

    // ---- operations

    @Override
    protected void upsert(SqlTable table, RowBatch batch) {
        Optional<KeyRange> range = integerKeyRange(table, batch);
        Optional<FreshPrefixes> fresh = freshPrefixes(table, batch.table());
        List<ColumnVector> keyPrefix = List.of();
        ColumnVector keyLast = null;
        if (fresh.isPresent()) {
            List<String> key = batch.table().effectiveKey();
            keyPrefix = key.subList(0, key.size() - 1).stream().map(batch::vector).toList();
            keyLast = batch.vector(key.get(key.size() - 1));
        }
        boolean cannotReplace = range.isPresent() && singleKey(batch.table()) && noKeyAtOrAbove(table, range.get())
                || fresh.isPresent() && fresh.get().cannotReplace(keyPrefix, keyLast, batch.rowCount());
        Optional<List<Target>> direct = cannotReplace ? directTargets(table, batch) : Optional.empty();
        if (direct.isPresent()) {
            insertRows(table.sqlName(), direct.get(), batch, table);
        } else {
            String stage = stage(table, batch);
            List<String> columns = batch.columnNames();
            if (!cannotReplace) {
                execute("DELETE FROM " + table.sqlName() + " AS " + targetAlias() + " USING " + Sql.quote(stage) + " AS "
                        + stageAlias() + " WHERE " + keyMatch(batch.table(), range),
                        () -> "cannot replace rows of table " + table.displayName());
            }
            execute("INSERT INTO " + table.sqlName() + " (" + Sql.columnList(columns) + ", " + Sql.quote(SystemColumns.SYNCED)
                    + ", " + Sql.quote(SystemColumns.DELETED) + ") SELECT " + Sql.columnList(columns) + ", "
                    + Sql.timestampTz(batch.syncedAt()) + ", false FROM " + Sql.quote(stage),
                    () -> "cannot insert rows into table " + table.displayName() + " (columns " + columns + ")");
            clearStage(stage);
        }
        range.ifPresent(r -> table.keysWrittenUpTo(r.max()));
        if (fresh.isPresent()) {
            fresh.get().wrote(keyPrefix, keyLast, batch.rowCount());
        }
    }

    /** Prefixes known to a run this many or more are not tracked: the table is too fragmented to gain from it. */
    private static final int MAX_TRACKED_PREFIXES = 1_000_000;

    /**
     * What is known of a table keyed by (prefix..., integer) — file rows — to append batches without a merge;
     * empty for other keys, or when the table holds more distinct prefixes than are worth tracking.
     */
    private Optional<FreshPrefixes> freshPrefixes(SqlTable table, TableSchema schema) {
        if (!FreshPrefixes.applies(schema)) {
            return Optional.empty();
        }
        return freshPrefixes.computeIfAbsent(table, t -> loadPrefixes(t, schema));
    }

    private Optional<FreshPrefixes> loadPrefixes(SqlTable table, TableSchema schema) {
        List<String> key = schema.effectiveKey();
        List<String> prefix = key.subList(0, key.size() - 1);
        String sql = "SELECT DISTINCT " + prefix.stream().map(c -> "CAST(" + Sql.quote(c) + " AS VARCHAR)")
                .collect(Collectors.joining(", ")) + " FROM " + table.sqlName() + " LIMIT " + (MAX_TRACKED_PREFIXES + 1);
        java.util.Set<Object> existing = new java.util.HashSet<>();
        try (Statement query = connection().createStatement(); ResultSet rows = query.executeQuery(sql)) {
            while (rows.next()) {
                String[] parts = new String[prefix.size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = rows.getString(i + 1);
                }
                existing.add(FreshPrefixes.textKey(parts));
            }
        } catch (SQLException e) {
            throw failure("cannot read the keys of table " + table.displayName(), e);
        }
        return existing.size() > MAX_TRACKED_PREFIXES ? Optional.empty() : Optional.of(new FreshPrefixes(existing));
    }

    // ---- keys

    private static boolean singleKey(TableSchema schema) {
        return schema.effectiveKey().size() == 1;
    }

    /** {@code _target.k = _stage.k AND ...}, with a range on the first key so DuckDB skips row groups outside it. */
    @Override
    protected String keyMatch(SqlTable table, RowBatch batch) {
        return keyMatch(batch.table(), integerKeyRange(table, batch));
    }

    private String keyMatch(TableSchema schema, Optional<KeyRange> range) {
        String match = schema.effectiveKey().stream()
                .map(k -> targetAlias() + "." + Sql.quote(k) + " = " + stageAlias() + "." + Sql.quote(k))
                .collect(Collectors.joining(" AND "));
        return range.map(r -> match + " AND " + targetAlias() + "." + Sql.quote(r.column()) + " BETWEEN " + r.min() + " AND " + r.max())
                .orElse(match);
    }

    // ---- loading

    /**
     * The columns for inserting a batch straight into its table, in the table's column order; empty when a
     * batch column is stored with another type (the staging path then casts).
     */
    private static Optional<List<Target>> directTargets(SqlTable table, RowBatch batch) {
        List<Target> targets = new ArrayList<>();
        int matched = 0;
        for (StoredColumn stored : table.columns()) {
            int index = indexOfIgnoreCase(batch.columnNames(), stored.name());
            if (index >= 0) {
                ColumnVector vector = batch.vectors().get(index);
                if (stored.type().filter(vector.type()::equals).isEmpty()) {
                    return Optional.empty();
                }
                targets.add(Target.of(stored.name(), vector));
                matched++;
            } else if (stored.name().equalsIgnoreCase(SystemColumns.SYNCED)) {
                targets.add(Target.constant(stored.name(), Sql.timestampTz(batch.syncedAt())));
            } else if (stored.name().equalsIgnoreCase(SystemColumns.DELETED)) {
                targets.add(Target.constant(stored.name(), "false"));
            } else {
                targets.add(Target.constant(stored.name(), "NULL"));
            }
        }
        return matched == batch.columnNames().size() ? Optional.of(targets) : Optional.empty();
    }

    private static int indexOfIgnoreCase(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Inserts a batch's rows into {@code into}: the table itself, or its staging table. */
    private void insertRows(String into, List<Target> targets, RowBatch batch, SqlTable table) {
        try {
            scan.insert(into, targets, batch.rowCount());
        } catch (BatchScan.ValueRejected e) {
            throw new SpateException(Category.DATA, "cannot write column \"" + e.column() + "\" of table " + table.displayName()
                    + " (row with " + keyText(batch, e.row()) + ") in DuckDB warehouse " + database + ": "
                    + e.getCause().getMessage(), e);
        } catch (SQLException e) {
            throw new SpateException(Category.INTERNAL, "cannot load " + batch.rowCount() + " rows (columns "
                    + batch.columnNames() + ") into table " + table.displayName() + " in DuckDB warehouse " + database + ": "
                    + Sql.errorMessage(e), e);
        }
    }

    private static String keyText(RowBatch batch, int row) {
        return batch.table().effectiveKey().stream()
                .map(k -> k + "=" + (batch.columnNames().contains(k) ? batch.vector(k).getValue(row) : "?"))
                .collect(Collectors.joining(", "));
    }

    @Override
    protected void loadStage(String quotedStage, SqlTable table, RowBatch batch) {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < batch.columnNames().size(); i++) {
            targets.add(Target.of(batch.columnNames().get(i), batch.vectors().get(i)));
        }
        insertRows(quotedStage, targets, batch, table);
    }

    // ---- transactions

    @Override
    protected void endTransaction() throws SQLException {
        run("COMMIT");
    }

    @Override
    protected void afterCommit() {
        begin();
    }

    @Override
    protected void abortTransaction(Optional<SpateException> cause) {
        try {
            run("ROLLBACK");
        } catch (SQLException e) {
            // DuckDB has already ended a transaction whose COMMIT failed; there is nothing left to roll back.
            LOG.debug("rollback of {} after a failure: {}", database, e.getMessage());
            cause.ifPresent(c -> c.addSuppressed(e));
        }
        begin();
    }

    @Override
    protected void rollbackOnClose() throws SQLException {
        run("ROLLBACK");
    }

    @Override
    protected void forgetOpenWork() {
        freshPrefixes.clear();
    }

    private void begin() {
        try {
            run("BEGIN TRANSACTION");
        } catch (SQLException e) {
            throw failure("cannot begin a transaction", e);
        }
    }
}
