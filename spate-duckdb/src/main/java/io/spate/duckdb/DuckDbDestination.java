package io.spate.duckdb;

import io.spate.batch.ColumnVector;
import io.spate.batch.RowBatch;
import io.spate.destination.CommittedState;
import io.spate.destination.Destination;
import io.spate.destination.TableSchema;
import io.spate.duckdb.BatchScan.Target;
import io.spate.duckdb.WarehouseTable.StoredColumn;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import io.spate.sdk.SpateException.Category;
import io.spate.sdk.State;
import io.spate.sdk.SystemColumns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded DuckDB warehouse. One connection holds one open transaction between commits: every write of
 * a round (DDL included) happens in it, and {@link #commit} writes the state row into it and commits, so data
 * and state become durable together (DuckDB's write-ahead log) or not at all.
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
public final class DuckDbDestination implements Destination {
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
    private static final String TARGET_ALIAS = Sql.quote("_target");
    private static final String STAGE_ALIAS = Sql.quote("_stage");

    private final Path database;
    private final String defaultSchema;
    private final DuckDBConnection connection;
    private final Map<String, WarehouseTable> tables = new HashMap<>();
    private final Map<String, String> stagingTables = new HashMap<>();
    private final BatchScan scan;
    private int stagingTablesCreated;
    private boolean pendingWork;
    private boolean closed;

    private DuckDbDestination(Path database, String defaultSchema, DuckDBConnection connection, BatchScan scan) {
        this.database = database;
        this.defaultSchema = defaultSchema;
        this.connection = connection;
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
            connection = (DuckDBConnection) DuckDbConnections.open("jdbc:duckdb:" + file);
        } catch (SQLException e) {
            throw new SpateException(Category.CONFIG, "cannot open the DuckDB warehouse " + file + ": " + Sql.errorMessage(e)
                    + " (is another process using it?)", e);
        }
        try {
            DuckDbDestination destination = new DuckDbDestination(file, defaultSchema, connection, BatchScan.register(connection));
            destination.configure(memoryLimit, threads);
            return destination;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e instanceof SpateException se ? se
                    : new SpateException(Category.CONFIG, "cannot set up the DuckDB warehouse " + file + ": " + e.getMessage(), e);
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

    @Override
    public Optional<CommittedState> loadState(String pipelineId) {
        checkOpen();
        String sql = "SELECT sequence, CAST(state AS VARCHAR) FROM " + STATE_TABLE + " WHERE pipeline_id = ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, pipelineId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CommittedState(rows.getLong(1), State.parse(rows.getString(2))));
            }
        } catch (SQLException e) {
            throw failure("cannot read the state of pipeline " + pipelineId + " from " + STATE_TABLE_NAME, e);
        }
    }

    @Override
    public void ensureTable(TableSchema schema) {
        checkOpen();
        WarehouseTable table = table(schema);
        if (table.isEnsuredFor(schema)) {
            return;
        }
        List<String> changes = new ArrayList<>();
        for (Column wanted : columnsWithSystemColumns(schema)) {
            Optional<StoredColumn> stored = table.column(wanted.name());
            String column = Sql.quote(wanted.name());
            if (stored.isEmpty()) {
                changes.add("ALTER TABLE " + table.sqlName() + " ADD COLUMN " + column + " " + DuckDbTypes.sqlType(wanted.type()));
            } else if (stored.get().type().isPresent() && !DuckDbTypes.holds(stored.get().type().get(), wanted.type())) {
                DataType widened = DuckDbTypes.widened(stored.get().type().get(), wanted.type());
                changes.add("ALTER TABLE " + table.sqlName() + " ALTER COLUMN " + column + " SET DATA TYPE "
                        + DuckDbTypes.sqlType(widened));
            }
        }
        if (!changes.isEmpty()) {
            for (String change : changes) {
                execute(change, () -> "cannot change table " + table.displayName() + " (" + change + ")");
            }
            table.columns(storedColumns(table.schema(), table.name()));
            pendingWork = true;
        }
        table.ensuredFor(schema);
    }

    @Override
    public void write(RowBatch batch) {
        checkOpen();
        ensureTable(batch.table());
        WarehouseTable table = table(batch.table());
        pendingWork = true;
        switch (batch.kind()) {
            case UPSERT -> upsert(table, batch);
            case UPDATE -> update(table, batch);
            case DELETE -> delete(table, batch);
            case TRUNCATE -> truncate(table, batch);
        }
    }

    @Override
    public void commit(String pipelineId, CommittedState state) {
        checkOpen();
        String sql = "INSERT OR REPLACE INTO " + STATE_TABLE + " VALUES (?, ?, CAST(? AS JSON), "
                + Sql.timestampTz(Instant.now()) + ")";
        try (PreparedStatement upsertState = connection.prepareStatement(sql)) {
            upsertState.setString(1, pipelineId);
            upsertState.setLong(2, state.sequence());
            upsertState.setString(3, state.state().toJson());
            upsertState.executeUpdate();
            run("COMMIT");
        } catch (SQLException e) {
            SpateException failure = failure("cannot commit pipeline " + pipelineId + " at checkpoint " + state.sequence(), e);
            discardOpenWork(failure);
            throw failure;
        }
        pendingWork = false;
        begin();
    }

    @Override
    public void rollback() {
        checkOpen();
        discardOpenWork(null);
    }

    /**
     * Deletes the pipeline's state row. Durable at once when nothing is pending; when rows were written since
     * the last commit, the reset joins them and becomes durable with the next commit (or not at all).
     */
    @Override
    public void resetState(String pipelineId) {
        checkOpen();
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + STATE_TABLE + " WHERE pipeline_id = ?")) {
            delete.setString(1, pipelineId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw failure("cannot delete the state of pipeline " + pipelineId + " from " + STATE_TABLE_NAME, e);
        }
        if (pendingWork) {
            // Data is pending: the reset becomes durable with it at the next commit, never without it.
            return;
        }
        try {
            run("COMMIT");
        } catch (SQLException e) {
            SpateException failure = failure("cannot commit the reset of pipeline " + pipelineId, e);
            discardOpenWork(failure);
            throw failure;
        }
        begin();
    }

    /** Discards uncommitted work and closes the database. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (connection) {
            run("ROLLBACK");
        } catch (SQLException e) {
            throw failure("cannot discard uncommitted work and close", e);
        }
    }

    // ---- operations

    private void upsert(WarehouseTable table, RowBatch batch) {
        if (batch.rowCount() == 0) {
            return;
        }
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
            String stage = stage(batch);
            List<String> columns = batch.columnNames();
            if (!cannotReplace) {
                execute("DELETE FROM " + table.sqlName() + " AS " + TARGET_ALIAS + " USING " + Sql.quote(stage) + " AS " + STAGE_ALIAS
                        + " WHERE " + keyMatch(batch.table(), range),
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
    private Optional<FreshPrefixes> freshPrefixes(WarehouseTable table, TableSchema schema) {
        if (!FreshPrefixes.applies(schema)) {
            return Optional.empty();
        }
        if (table.freshPrefixes().isEmpty()) {
            table.freshPrefixes(loadPrefixes(table, schema));
        }
        return table.freshPrefixes().get();
    }

    private Optional<FreshPrefixes> loadPrefixes(WarehouseTable table, TableSchema schema) {
        List<String> key = schema.effectiveKey();
        List<String> prefix = key.subList(0, key.size() - 1);
        String sql = "SELECT DISTINCT " + prefix.stream().map(c -> "CAST(" + Sql.quote(c) + " AS VARCHAR)")
                .collect(Collectors.joining(", ")) + " FROM " + table.sqlName() + " LIMIT " + (MAX_TRACKED_PREFIXES + 1);
        java.util.Set<Object> existing = new java.util.HashSet<>();
        try (Statement query = connection.createStatement(); ResultSet rows = query.executeQuery(sql)) {
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

    private void update(WarehouseTable table, RowBatch batch) {
        if (batch.rowCount() == 0) {
            return;
        }
        List<String> key = batch.table().effectiveKey();
        List<String> changed = batch.columnNames().subList(key.size(), batch.columnNames().size());
        String stage = stage(batch);
        String assignments = changed.stream().map(c -> Sql.quote(c) + " = " + STAGE_ALIAS + "." + Sql.quote(c))
                .collect(Collectors.joining(", "));
        execute("UPDATE " + table.sqlName() + " AS " + TARGET_ALIAS + " SET " + (assignments.isEmpty() ? "" : assignments + ", ")
                + Sql.quote(SystemColumns.SYNCED) + " = " + Sql.timestampTz(batch.syncedAt())
                + " FROM " + Sql.quote(stage) + " AS " + STAGE_ALIAS + " WHERE " + keyMatch(batch.table(), integerKeyRange(table, batch)),
                () -> "cannot update columns " + changed + " of table " + table.displayName());
        clearStage(stage);
    }

    private void delete(WarehouseTable table, RowBatch batch) {
        if (batch.rowCount() == 0) {
            return;
        }
        String stage = stage(batch);
        execute("UPDATE " + table.sqlName() + " AS " + TARGET_ALIAS + " SET " + Sql.quote(SystemColumns.DELETED) + " = true, "
                + Sql.quote(SystemColumns.SYNCED) + " = " + Sql.timestampTz(batch.syncedAt())
                + " FROM " + Sql.quote(stage) + " AS " + STAGE_ALIAS + " WHERE " + keyMatch(batch.table(), integerKeyRange(table, batch)),
                () -> "cannot delete rows of table " + table.displayName());
        clearStage(stage);
    }

    private void truncate(WarehouseTable table, RowBatch batch) {
        execute("UPDATE " + table.sqlName() + " SET " + Sql.quote(SystemColumns.DELETED) + " = true, "
                + Sql.quote(SystemColumns.SYNCED) + " = " + Sql.timestampTz(batch.syncedAt())
                + " WHERE " + Sql.quote(SystemColumns.DELETED) + " IS DISTINCT FROM true",
                () -> "cannot truncate table " + table.displayName());
    }

    // ---- keys

    /** The smallest and largest value of the first key column in a batch, when it is an integer column without nulls. */
    private record KeyRange(String column, long min, long max) {
    }

    private static Optional<KeyRange> integerKeyRange(WarehouseTable table, RowBatch batch) {
        String keyColumn = batch.table().effectiveKey().get(0);
        ColumnVector keys = batch.vector(keyColumn);
        DataType.Kind kind = keys.type().kind();
        boolean integer = kind == DataType.Kind.SHORT || kind == DataType.Kind.INT || kind == DataType.Kind.LONG;
        boolean storedAsInteger = table.column(keyColumn).flatMap(StoredColumn::type)
                .filter(t -> t.kind() == DataType.Kind.SHORT || t.kind() == DataType.Kind.INT || t.kind() == DataType.Kind.LONG)
                .isPresent();
        if (!integer || !storedAsInteger || keys.hasNulls() || batch.rowCount() == 0) {
            return Optional.empty();
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int row = 0; row < batch.rowCount(); row++) {
            long key = keys.getLong(row);
            min = Math.min(min, key);
            max = Math.max(max, key);
        }
        return Optional.of(new KeyRange(keyColumn, min, max));
    }

    private static boolean singleKey(TableSchema schema) {
        return schema.effectiveKey().size() == 1;
    }

    private boolean noKeyAtOrAbove(WarehouseTable table, KeyRange range) {
        if (!table.maxKeyKnown()) {
            String sql = "SELECT max(" + Sql.quote(range.column()) + ") FROM " + table.sqlName();
            try (Statement query = connection.createStatement(); ResultSet rows = query.executeQuery(sql)) {
                rows.next();
                long max = rows.getLong(1);
                table.maxKey(rows.wasNull() ? Optional.empty() : Optional.of(max));
            } catch (SQLException e) {
                throw failure("cannot read the largest " + range.column() + " of table " + table.displayName(), e);
            }
        }
        return table.allKeysBelow(range.min());
    }

    /** {@code _target.k = _stage.k AND ...}, with a range on the first key so DuckDB skips row groups outside it. */
    private static String keyMatch(TableSchema schema, Optional<KeyRange> range) {
        String match = schema.effectiveKey().stream()
                .map(k -> TARGET_ALIAS + "." + Sql.quote(k) + " = " + STAGE_ALIAS + "." + Sql.quote(k))
                .collect(Collectors.joining(" AND "));
        return range.map(r -> match + " AND " + TARGET_ALIAS + "." + Sql.quote(r.column()) + " BETWEEN " + r.min() + " AND " + r.max())
                .orElse(match);
    }

    // ---- loading

    /**
     * The columns for inserting a batch straight into its table, in the table's column order; empty when a
     * batch column is stored with another type (the staging path then casts).
     */
    private static Optional<List<Target>> directTargets(WarehouseTable table, RowBatch batch) {
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
    private void insertRows(String into, List<Target> targets, RowBatch batch, WarehouseTable table) {
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

    /**
     * Loads a batch into a temporary staging table with the batch's columns and types, and returns that
     * table's name. Staging tables are kept (empty) for the next batch of the same shape.
     */
    private String stage(RowBatch batch) {
        List<String> definitions = new ArrayList<>();
        for (int i = 0; i < batch.columnNames().size(); i++) {
            definitions.add(Sql.quote(batch.columnNames().get(i)) + " " + DuckDbTypes.sqlType(batch.vectors().get(i).type()));
        }
        String signature = String.join(", ", definitions);
        String stage = stagingTables.get(signature);
        if (stage == null) {
            stage = "_spate_stage_" + (++stagingTablesCreated);
            String sql = "CREATE TEMP TABLE " + Sql.quote(stage) + " (" + signature + ")";
            execute(sql, () -> "cannot create a staging table for table " + batch.table().qualifiedName());
            stagingTables.put(signature, stage);
        }
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < batch.columnNames().size(); i++) {
            targets.add(Target.of(batch.columnNames().get(i), batch.vectors().get(i)));
        }
        insertRows(Sql.quote(stage), targets, batch, table(batch.table()));
        return stage;
    }

    private void clearStage(String stage) {
        execute("TRUNCATE " + Sql.quote(stage), () -> "cannot clear staging table " + stage);
    }

    // ---- tables

    private WarehouseTable table(TableSchema schema) {
        String schemaName = schema.schema().orElse(defaultSchema);
        String cacheKey = schemaName.toLowerCase(Locale.ROOT) + "\u0000" + schema.name().toLowerCase(Locale.ROOT);
        WarehouseTable known = tables.get(cacheKey);
        if (known != null) {
            return known;
        }
        List<StoredColumn> stored = storedColumns(schemaName, schema.name());
        if (stored.isEmpty()) {
            String definitions = columnsWithSystemColumns(schema).stream()
                    .map(c -> Sql.quote(c.name()) + " " + DuckDbTypes.sqlType(c.type()))
                    .collect(Collectors.joining(", "));
            String displayName = schemaName + "." + schema.name();
            execute("CREATE SCHEMA IF NOT EXISTS " + Sql.quote(schemaName), () -> "cannot create schema " + schemaName);
            execute("CREATE TABLE IF NOT EXISTS " + Sql.qualified(schemaName, schema.name()) + " (" + definitions + ")",
                    () -> "cannot create table " + displayName);
            stored = storedColumns(schemaName, schema.name());
            pendingWork = true;
        }
        WarehouseTable table = new WarehouseTable(schemaName, schema.name(), stored);
        tables.put(cacheKey, table);
        return table;
    }

    private static List<Column> columnsWithSystemColumns(TableSchema schema) {
        List<Column> columns = new ArrayList<>(schema.columns());
        List<Column> system = new ArrayList<>();
        system.add(Column.of(SystemColumns.SYNCED, DataType.UTC_DATETIME));
        system.add(Column.of(SystemColumns.DELETED, DataType.BOOLEAN));
        if (schema.keyless()) {
            system.add(Column.of(SystemColumns.ID, DataType.STRING));
        }
        for (Column column : system) {
            if (schema.columnIndex(column.name()) < 0) {
                columns.add(column);
            }
        }
        return columns;
    }

    private List<StoredColumn> storedColumns(String schema, String table) {
        String sql = "SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = current_database()"
                + " AND lower(table_schema) = lower(?) AND lower(table_name) = lower(?) ORDER BY ordinal_position";
        List<StoredColumn> columns = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, schema);
            select.setString(2, table);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2);
                    columns.add(new StoredColumn(rows.getString(1), type, DuckDbTypes.fromSql(type)));
                }
            }
        } catch (SQLException e) {
            throw failure("cannot read the columns of table " + schema + "." + table, e);
        }
        return columns;
    }

    // ---- transactions and errors

    private void begin() {
        try {
            run("BEGIN TRANSACTION");
        } catch (SQLException e) {
            throw failure("cannot begin a transaction", e);
        }
    }

    /**
     * Rolls the open transaction back and forgets what was learnt in it: tables and staging tables created
     * in it are gone, and a column change in it is undone.
     */
    private void discardOpenWork(SpateException cause) {
        tables.clear();
        stagingTables.clear();
        pendingWork = false;
        try {
            run("ROLLBACK");
        } catch (SQLException e) {
            // DuckDB has already ended a transaction whose COMMIT failed; there is nothing left to roll back.
            LOG.debug("rollback of {} after a failure: {}", database, e.getMessage());
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
        begin();
    }

    private void execute(String sql, Supplier<String> what) {
        try {
            run(sql);
        } catch (SQLException e) {
            throw failure(what.get(), e);
        }
    }

    /**
     * Runs one statement on a statement object of its own: DuckDB's JDBC driver closes a statement whose
     * execution failed.
     */
    private void run(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private SpateException failure(String what, SQLException e) {
        return new SpateException(Category.INTERNAL, what + " in DuckDB warehouse " + database + ": " + Sql.errorMessage(e), e);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the DuckDB warehouse " + database + " is closed");
        }
    }
}
