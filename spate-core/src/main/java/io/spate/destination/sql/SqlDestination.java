package io.spate.destination.sql;

import io.spate.batch.ColumnVector;
import io.spate.batch.RowBatch;
import io.spate.destination.CommittedState;
import io.spate.destination.Destination;
import io.spate.destination.TableSchema;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import io.spate.sdk.SpateException.Category;
import io.spate.sdk.State;
import io.spate.sdk.SystemColumns;
import java.sql.Connection;
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
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the SQL warehouse destinations (DuckDB, PostgreSQL) share: one connection holding one open transaction
 * between commits, in which every statement of a round happens (DDL included) and into which {@link #commit}
 * writes the state row before committing, so data and state become durable together or not at all; the
 * tables' bookkeeping (creation with the system columns, new and widened columns, the largest key); the
 * state rows in {@code _spate_state}; and updates, deletes (soft) and truncates applied from a temporary
 * staging table of the batch's columns.
 *
 * <p>A subclass brings its {@link SqlDialect} (identifier quoting from its one quoting class, types, literals), how a
 * batch's rows reach a table (its bulk path) and how upserts are applied. Called from one thread at a time,
 * as {@link Destination} says.
 */
public abstract class SqlDestination implements Destination {
    private static final Logger LOG = LoggerFactory.getLogger(SqlDestination.class);

    private final Connection connection;
    private final SqlDialect dialect;
    private final String defaultSchema;
    private final String stateTable;
    private final String stateTableName;
    private final Map<List<String>, SqlTable> tables = new HashMap<>();
    private final Map<String, String> stagingTables = new HashMap<>();
    private int stagingTablesCreated;
    private boolean pendingWork;
    private boolean closed;

    /**
     * @param defaultSchema the schema of tables whose {@link TableSchema} names none
     * @param stateTable the quoted name of the state table
     * @param stateTableName the state table's name in messages
     */
    protected SqlDestination(Connection connection, SqlDialect dialect, String defaultSchema, String stateTable,
            String stateTableName) {
        this.connection = connection;
        this.dialect = dialect;
        this.defaultSchema = defaultSchema;
        this.stateTable = stateTable;
        this.stateTableName = stateTableName;
    }

    /** Makes and sets up a destination on a connection; any step may fail. */
    @FunctionalInterface
    protected interface Opening<D extends SqlDestination> {
        D open() throws SQLException;
    }

    /**
     * Makes and sets up a destination on a new connection. When that fails the connection is closed, and the
     * failure is thrown as it is when it is a {@link SpateException}, else as a CONFIG one saying {@code failure}.
     */
    protected static <D extends SqlDestination> D openOn(Connection connection, Opening<D> opening,
            Function<Exception, String> failure) {
        try {
            return opening.open();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e instanceof SpateException se ? se : new SpateException(Category.CONFIG, failure.apply(e), e);
        }
    }

    // ---- what each warehouse does its own way

    /** The warehouse in messages, e.g. {@code DuckDB warehouse /data/w.duckdb}. */
    protected abstract String where();

    /** The category of a failed statement; INTERNAL unless the subclass knows better. */
    protected Category category(SQLException e) {
        return Category.INTERNAL;
    }

    /** Whether the connection is gone, so that close has nothing left to roll back. */
    protected boolean isConnectionLost(SQLException e) {
        return false;
    }

    /** A query of a table's columns, in their order: rows of (name, SQL type). */
    protected abstract String columnsQuery();

    /** The parameters of {@link #columnsQuery()} for one table. */
    protected abstract List<String> columnsQueryParameters(String schema, String table);

    /** Creates a table that is missing (and its schema when missing) with the given column definitions. */
    protected abstract void createTable(String schemaName, TableSchema schema, String columnDefinitions);

    /** Checks a table that exists already, before it is used; nothing to check unless the subclass says. */
    protected void checkExistingTable(String schemaName, TableSchema schema, String displayName) {
    }

    /** The statement widening a stored column to take {@code wanted}; empty when it takes it as it is. */
    protected abstract Optional<String> widening(SqlTable table, String quotedColumn, DataType stored, DataType wanted);

    /** Called before a column change runs; does nothing unless the subclass reports it. */
    protected void announceChange(String change) {
    }

    /** The statement writing a state row; parameters: pipeline id, sequence, state as JSON text. */
    protected abstract String saveStateSql();

    // ---- the bulk path and the transaction

    /** Applies an upsert batch (with rows) to its table. */
    protected abstract void upsert(SqlTable table, RowBatch batch);

    /** Loads a batch's rows into the empty staging table {@code quotedStage}. */
    protected abstract void loadStage(String quotedStage, SqlTable table, RowBatch batch);

    /** What follows {@code CREATE TEMP TABLE "stage" (...)}; nothing unless the subclass says. */
    protected String stagingTableOptions() {
        return "";
    }

    /** {@code _target.k = _stage.k AND ...} over the batch's effective key. */
    protected abstract String keyMatch(SqlTable table, RowBatch batch);

    /** The staged value of a column as the table stores it: {@code _stage."c"} unless the subclass casts. */
    protected String stagedValue(SqlTable table, RowBatch batch, String column) {
        return stageAlias() + "." + quote(column);
    }

    /** Commits the open transaction. */
    protected abstract void endTransaction() throws SQLException;

    /** Prepares the next transaction after a commit. */
    protected abstract void afterCommit();

    /**
     * Rolls the open transaction back and prepares the next one; a failure of the rollback is added to
     * {@code cause} when there is one.
     */
    protected abstract void abortTransaction(Optional<SpateException> cause);

    /** Discards uncommitted work when closing. */
    protected abstract void rollbackOnClose() throws SQLException;

    /** Forgets what the subclass learnt in a transaction that is rolled back; nothing unless it says. */
    protected void forgetOpenWork() {
    }

    // ---- Destination

    @Override
    public Optional<CommittedState> loadState(String pipelineId) {
        checkOpen();
        String sql = "SELECT sequence, CAST(state AS TEXT) FROM " + stateTable + " WHERE pipeline_id = ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, pipelineId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CommittedState(rows.getLong(1), State.parse(rows.getString(2))));
            }
        } catch (SQLException e) {
            throw failure("cannot read the state of pipeline " + pipelineId + " from " + stateTableName, e);
        }
    }

    @Override
    public void ensureTable(TableSchema schema) {
        checkOpen();
        SqlTable table = table(schema);
        if (table.isEnsuredFor(schema)) {
            return;
        }
        List<String> changes = new ArrayList<>();
        for (Column wanted : columnsWithSystemColumns(schema)) {
            Optional<StoredColumn> stored = table.column(wanted.name());
            String column = quote(wanted.name());
            if (stored.isEmpty()) {
                changes.add("ALTER TABLE " + table.sqlName() + " ADD COLUMN " + column + " " + sqlType(wanted.type()));
            } else if (stored.get().type().isPresent()) {
                widening(table, column, stored.get().type().get(), wanted.type()).ifPresent(changes::add);
            }
        }
        if (!changes.isEmpty()) {
            for (String change : changes) {
                announceChange(change);
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
        SqlTable table = table(batch.table());
        pendingWork = true;
        switch (batch.kind()) {
            case UPSERT -> {
                if (batch.rowCount() > 0) {
                    upsert(table, batch);
                }
            }
            case UPDATE -> update(table, batch);
            case DELETE -> delete(table, batch);
            case TRUNCATE -> truncate(table, batch);
        }
    }

    @Override
    public void commit(String pipelineId, CommittedState state) {
        checkOpen();
        try (PreparedStatement saveState = connection.prepareStatement(saveStateSql())) {
            saveState.setString(1, pipelineId);
            saveState.setLong(2, state.sequence());
            saveState.setString(3, state.state().toJson());
            saveState.executeUpdate();
            endTransaction();
        } catch (SQLException e) {
            SpateException failure = failure("cannot commit pipeline " + pipelineId + " at checkpoint " + state.sequence(), e);
            discardOpenWork(Optional.of(failure));
            throw failure;
        }
        committed();
    }

    @Override
    public void rollback() {
        checkOpen();
        discardOpenWork(Optional.empty());
    }

    /**
     * Deletes the pipeline's state row. Durable at once when nothing is pending; when rows were written since
     * the last commit, the reset joins them and becomes durable with the next commit (or not at all).
     */
    @Override
    public void resetState(String pipelineId) {
        checkOpen();
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + stateTable + " WHERE pipeline_id = ?")) {
            delete.setString(1, pipelineId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw discardAfter(failure("cannot delete the state of pipeline " + pipelineId + " from " + stateTableName, e));
        }
        if (pendingWork) {
            // Data is pending: the reset becomes durable with it at the next commit, never without it.
            return;
        }
        try {
            endTransaction();
        } catch (SQLException e) {
            throw discardAfter(failure("cannot commit the reset of pipeline " + pipelineId, e));
        }
        committed();
    }

    /** Discards uncommitted work and closes the connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (connection) {
            rollbackOnClose();
        } catch (SQLException e) {
            if (isConnectionLost(e)) {
                // The server discards the open transaction of a lost connection itself.
                LOG.debug("{}: connection already lost at close: {}", where(), e.getMessage());
                return;
            }
            throw failure("cannot discard uncommitted work and close", e);
        }
    }

    // ---- updates, deletes, truncates

    private void update(SqlTable table, RowBatch batch) {
        if (batch.rowCount() == 0) {
            return;
        }
        List<String> key = batch.table().effectiveKey();
        List<String> changed = batch.columnNames().subList(key.size(), batch.columnNames().size());
        String stage = stage(table, batch);
        List<String> assignments = new ArrayList<>();
        for (String column : changed) {
            assignments.add(quote(column) + " = " + stagedValue(table, batch, column));
        }
        assignments.add(quote(SystemColumns.SYNCED) + " = " + timestampTz(batch.syncedAt()));
        execute("UPDATE " + table.sqlName() + " AS " + targetAlias() + " SET " + String.join(", ", assignments)
                + " FROM " + quote(stage) + " AS " + stageAlias() + " WHERE " + keyMatch(table, batch),
                () -> "cannot update columns " + changed + " of table " + table.displayName());
        clearStage(stage);
    }

    private void delete(SqlTable table, RowBatch batch) {
        if (batch.rowCount() == 0) {
            return;
        }
        String stage = stage(table, batch);
        execute("UPDATE " + table.sqlName() + " AS " + targetAlias() + " SET " + quote(SystemColumns.DELETED) + " = true, "
                + quote(SystemColumns.SYNCED) + " = " + timestampTz(batch.syncedAt())
                + " FROM " + quote(stage) + " AS " + stageAlias() + " WHERE " + keyMatch(table, batch),
                () -> "cannot delete rows of table " + table.displayName());
        clearStage(stage);
    }

    private void truncate(SqlTable table, RowBatch batch) {
        execute("UPDATE " + table.sqlName() + " SET " + quote(SystemColumns.DELETED) + " = true, "
                + quote(SystemColumns.SYNCED) + " = " + timestampTz(batch.syncedAt())
                + " WHERE " + quote(SystemColumns.DELETED) + " IS DISTINCT FROM true",
                () -> "cannot truncate table " + table.displayName());
    }

    /** An identifier, always quoted. */
    protected final String quote(String identifier) {
        return dialect.quote().apply(identifier);
    }

    private String sqlType(DataType type) {
        return dialect.sqlType().apply(type);
    }

    private String timestampTz(Instant instant) {
        return dialect.timestampTz().apply(instant);
    }

    /** The alias of the target table in merge statements. */
    protected final String targetAlias() {
        return quote("_target");
    }

    /** The alias of the staging table in merge statements. */
    protected final String stageAlias() {
        return quote("_stage");
    }

    // ---- keys

    /** The smallest and largest value of the first key column in a batch, when it is an integer column without nulls. */
    protected record KeyRange(String column, long min, long max) {
    }

    /**
     * The range of the batch's first key column, when the batch has rows and that column is an integer column
     * without nulls, sent and stored as an integer.
     */
    protected static Optional<KeyRange> integerKeyRange(SqlTable table, RowBatch batch) {
        String keyColumn = batch.table().effectiveKey().get(0);
        ColumnVector keys = batch.vector(keyColumn);
        boolean integer = isInteger(keys.type())
                && table.column(keyColumn).flatMap(StoredColumn::type).filter(SqlDestination::isInteger).isPresent();
        if (!integer || keys.hasNulls() || batch.rowCount() == 0) {
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

    private static boolean isInteger(DataType type) {
        return type.kind() == DataType.Kind.SHORT || type.kind() == DataType.Kind.INT || type.kind() == DataType.Kind.LONG;
    }

    /** Whether every key of the table is below the range (read once per transaction, then kept up to date). */
    protected final boolean noKeyAtOrAbove(SqlTable table, KeyRange range) {
        if (!table.maxKeyKnown()) {
            String sql = "SELECT max(" + quote(range.column()) + ") FROM " + table.sqlName();
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

    // ---- staging

    /**
     * Loads a batch into a temporary staging table with the batch's columns and types, and returns that
     * table's name. Staging tables are kept (emptied) for the next batch of the same shape.
     */
    protected final String stage(SqlTable table, RowBatch batch) {
        List<String> definitions = new ArrayList<>();
        for (int i = 0; i < batch.columnNames().size(); i++) {
            definitions.add(quote(batch.columnNames().get(i)) + " " + sqlType(batch.vectors().get(i).type()));
        }
        String signature = String.join(", ", definitions);
        String stage = stagingTables.get(signature);
        if (stage == null) {
            stage = "_spate_stage_" + (++stagingTablesCreated);
            String sql = "CREATE TEMP TABLE " + quote(stage) + " (" + signature + ")" + stagingTableOptions();
            execute(sql, () -> "cannot create a staging table for table " + table.displayName());
            stagingTables.put(signature, stage);
        }
        loadStage(quote(stage), table, batch);
        return stage;
    }

    protected final void clearStage(String stage) {
        execute("TRUNCATE " + quote(stage), () -> "cannot clear staging table " + stage);
    }

    /** Forgets the staging tables, which the transaction that ended dropped. */
    protected final void forgetStagingTables() {
        stagingTables.clear();
    }

    // ---- tables

    private SqlTable table(TableSchema schema) {
        String schemaName = schema.schema().orElse(defaultSchema);
        List<String> cacheKey = dialect.identifiersKeepCase() ? List.of(schemaName, schema.name())
                : List.of(schemaName.toLowerCase(Locale.ROOT), schema.name().toLowerCase(Locale.ROOT));
        SqlTable known = tables.get(cacheKey);
        if (known != null) {
            return known;
        }
        String displayName = schemaName + "." + schema.name();
        List<StoredColumn> stored = storedColumns(schemaName, schema.name());
        if (stored.isEmpty()) {
            String definitions = columnsWithSystemColumns(schema).stream()
                    .map(c -> quote(c.name()) + " " + sqlType(c.type()))
                    .collect(Collectors.joining(", "));
            createTable(schemaName, schema, definitions);
            stored = storedColumns(schemaName, schema.name());
            pendingWork = true;
        } else {
            checkExistingTable(schemaName, schema, displayName);
        }
        SqlTable table = new SqlTable(schemaName, schema.name(), dialect.qualified().apply(schemaName, schema.name()),
                dialect.identifiersKeepCase(), stored);
        tables.put(cacheKey, table);
        return table;
    }

    /** The table's columns, then the system columns it does not declare itself. */
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
        List<StoredColumn> columns = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(columnsQuery())) {
            List<String> parameters = columnsQueryParameters(schema, table);
            for (int i = 0; i < parameters.size(); i++) {
                select.setString(i + 1, parameters.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2);
                    columns.add(new StoredColumn(rows.getString(1), type, dialect.fromSql().apply(type)));
                }
            }
        } catch (SQLException e) {
            throw failure("cannot read the columns of table " + schema + "." + table, e);
        }
        return columns;
    }

    /** Forgets the largest key of every table: other sessions may write between transactions. */
    protected final void forgetMaxKeys() {
        tables.values().forEach(SqlTable::forgetMaxKey);
    }

    // ---- transactions and errors

    protected final Connection connection() {
        return connection;
    }

    /** The quoted name of the state table. */
    protected final String stateTable() {
        return stateTable;
    }

    /** Records that the open transaction holds work (rows, a new schema or table) that only a commit keeps. */
    protected final void markPendingWork() {
        pendingWork = true;
    }

    /** After a commit: nothing is pending, and the subclass prepares the next transaction. */
    protected final void committed() {
        pendingWork = false;
        afterCommit();
    }

    /**
     * Rolls the open transaction back and forgets what was learnt in it: tables, schemas and staging tables
     * created in it are gone, and a column change in it is undone.
     */
    private void discardOpenWork(Optional<SpateException> cause) {
        tables.clear();
        stagingTables.clear();
        forgetOpenWork();
        pendingWork = false;
        abortTransaction(cause);
    }

    private SpateException discardAfter(SpateException failure) {
        discardOpenWork(Optional.of(failure));
        return failure;
    }

    protected final void execute(String sql, Supplier<String> what) {
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
    protected final void run(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A failure of a statement, naming what failed, the warehouse and its reason. */
    protected final SpateException failure(String what, SQLException e) {
        return new SpateException(category(e), what + " in " + where() + ": " + dialect.errorMessage().apply(e), e);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the destination " + where() + " is closed");
        }
    }
}
