package io.spate.jdbc.destination;

import io.spate.batch.ColumnVector;
import io.spate.batch.RowBatch;
import io.spate.destination.CommittedState;
import io.spate.destination.Destination;
import io.spate.destination.TableSchema;
import io.spate.jdbc.destination.PgTable.StoredColumn;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL destination. One connection holds one open transaction between commits: every statement of
 * a round (DDL included, which PostgreSQL runs transactionally) happens in it, and {@link #commit} writes the
 * state row into it and commits, so data and state become durable together or not at all.
 *
 * <p>Each batch is streamed with {@code COPY ... FROM STDIN} (binary or CSV) into a temporary staging table of
 * the batch's columns and applied with one statement: {@code INSERT ... ON CONFLICT (key) DO UPDATE} for
 * upserts, {@code UPDATE ... FROM} for updates and deletes (soft: {@code _spate_deleted = true}). An upsert
 * whose integer keys are all above the table's largest key cannot replace anything and is copied straight
 * into the table.
 *
 * <p>A lost connection is not retried here: the open transaction is gone with it, so the destination fails
 * and the next run resumes from the last commit. Called from one thread at a time, as {@link Destination} says.
 */
public final class PostgresDestination implements Destination {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresDestination.class);
    private static final String STATE_TABLE_NAME = "_spate_state";
    private static final String TARGET = PgSql.quote("_target");
    private static final String STAGE = PgSql.quote("_stage");

    private final PostgresSettings settings;
    private final Connection connection;
    private final CopyManager copyManager;
    private final String stateTable;
    private final Map<List<String>, PgTable> tables = new HashMap<>();
    private final Map<String, String> stagingTables = new HashMap<>();
    private final Set<String> knownSchemas = new HashSet<>();
    private int stagingTablesCreated;
    private boolean pendingWork;
    private boolean closed;

    private PostgresDestination(PostgresSettings settings, Connection connection) throws SQLException {
        this.settings = settings;
        this.connection = connection;
        this.copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        this.stateTable = PgSql.qualified(settings.schema(), STATE_TABLE_NAME);
    }

    /** Connects, creates the state table when missing and opens the first transaction. */
    static PostgresDestination open(PostgresSettings settings) {
        Connection connection = settings.connect();
        try {
            PostgresDestination destination = new PostgresDestination(settings, connection);
            destination.prepare();
            return destination;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e instanceof SpateException se ? se
                    : new SpateException(Category.CONFIG, "cannot set up the destination in " + settings.where() + ": "
                            + (e instanceof SQLException sql ? PgSql.errorMessage(sql) : e.getMessage()), e);
        }
    }

    private void prepare() throws SQLException {
        connection.setAutoCommit(false);
        // Session settings, not data: timestamps travel as UTC whatever the server's default zone.
        run("SET TIME ZONE 'UTC'");
        ensureSchema(settings.schema());
        run("CREATE TABLE IF NOT EXISTS " + stateTable
                + " (pipeline_id text PRIMARY KEY, sequence bigint, state jsonb, committed_at timestamptz)");
        connection.commit();
        afterTransaction();
    }

    @Override
    public Optional<CommittedState> loadState(String pipelineId) {
        checkOpen();
        String sql = "SELECT sequence, state::text FROM " + stateTable + " WHERE pipeline_id = ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, pipelineId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CommittedState(rows.getLong(1), State.parse(rows.getString(2))));
            }
        } catch (SQLException e) {
            throw failure("cannot read the state of pipeline " + pipelineId + " from " + settings.schema() + "."
                    + STATE_TABLE_NAME, e);
        }
    }

    @Override
    public void ensureTable(TableSchema schema) {
        checkOpen();
        PgTable table = table(schema);
        if (table.isEnsuredFor(schema)) {
            return;
        }
        List<String> changes = new ArrayList<>();
        for (Column wanted : columnsWithSystemColumns(schema)) {
            Optional<StoredColumn> stored = table.column(wanted.name());
            String column = PgSql.quote(wanted.name());
            if (stored.isEmpty()) {
                changes.add("ALTER TABLE " + table.sqlName() + " ADD COLUMN " + column + " " + PgTypes.sqlType(wanted.type()));
            } else if (stored.get().type().isPresent()) {
                Optional<DataType> widened = PgTypes.widening(stored.get().type().get(), wanted.type());
                if (widened.isPresent()) {
                    String type = PgTypes.sqlType(widened.get());
                    changes.add("ALTER TABLE " + table.sqlName() + " ALTER COLUMN " + column + " TYPE " + type
                            + " USING " + column + "::" + type);
                }
            }
        }
        if (!changes.isEmpty()) {
            for (String change : changes) {
                LOG.info("{}: {}", settings.where(), change);
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
        PgTable table = table(batch.table());
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
        String sql = "INSERT INTO " + stateTable + " (pipeline_id, sequence, state, committed_at)"
                + " VALUES (?, ?, ?::jsonb, clock_timestamp()) ON CONFLICT (pipeline_id) DO UPDATE SET"
                + " sequence = EXCLUDED.sequence, state = EXCLUDED.state, committed_at = EXCLUDED.committed_at";
        try (PreparedStatement upsertState = connection.prepareStatement(sql)) {
            upsertState.setString(1, pipelineId);
            upsertState.setLong(2, state.sequence());
            upsertState.setString(3, state.state().toJson());
            upsertState.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            SpateException failure = failure("cannot commit pipeline " + pipelineId + " at checkpoint " + state.sequence(), e);
            discardOpenWork(failure);
            throw failure;
        }
        afterTransaction();
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
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + stateTable + " WHERE pipeline_id = ?")) {
            delete.setString(1, pipelineId);
            delete.executeUpdate();
            if (!pendingWork) {
                connection.commit();
                afterTransaction();
            }
        } catch (SQLException e) {
            SpateException failure = failure("cannot delete the state of pipeline " + pipelineId, e);
            discardOpenWork(failure);
            throw failure;
        }
    }

    /** Discards uncommitted work and closes the connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (connection) {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            if (isConnectionLost(e)) {
                // The server discards the open transaction of a lost connection itself.
                LOG.debug("{}: connection already lost at close: {}", settings.where(), e.getMessage());
                return;
            }
            throw failure("cannot discard uncommitted work and close", e);
        }
    }

    // ---- operations

    private void upsert(PgTable table, RowBatch batch) {
        if (batch.rowCount() == 0) {
            return;
        }
        Optional<KeyRange> range = integerKeyRange(table, batch);
        if (range.isPresent() && storedAsSent(table, batch) && noKeyAtOrAbove(table, range.get())) {
            copyIntoTable(table, batch);
        } else {
            merge(table, batch);
        }
        range.ifPresent(r -> table.keysWrittenUpTo(r.max()));
    }

    /**
     * Rows whose keys are all above the table's largest key replace nothing: they are copied straight into the
     * table with their system columns, without staging or merging (the common case of a first load).
     */
    private void copyIntoTable(PgTable table, RowBatch batch) {
        int rows = batch.rowCount();
        ColumnVector synced = new ColumnVector(DataType.UTC_DATETIME, rows);
        ColumnVector deleted = new ColumnVector(DataType.BOOLEAN, rows);
        long syncedMicros = ColumnVector.microsOf(batch.syncedAt());
        for (int row = 0; row < rows; row++) {
            synced.appendLong(syncedMicros);
            deleted.appendLong(0);
        }
        List<String> columns = new ArrayList<>(batch.columnNames());
        columns.add(SystemColumns.SYNCED);
        columns.add(SystemColumns.DELETED);
        List<ColumnVector> vectors = new ArrayList<>(batch.vectors());
        vectors.add(synced);
        vectors.add(deleted);
        copy(table.sqlName(), columns, vectors, table, batch);
    }

    private void merge(PgTable table, RowBatch batch) {
        String stage = stage(table, batch);
        List<String> columns = batch.columnNames();
        List<String> key = batch.table().effectiveKey();
        String select = columns.stream().map(c -> castToStored(table, batch, c)).collect(Collectors.joining(", "));
        List<String> assignments = new ArrayList<>();
        for (String column : columns) {
            if (!key.contains(column)) {
                assignments.add(PgSql.quote(column) + " = EXCLUDED." + PgSql.quote(column));
            }
        }
        // An upsert replaces the whole row: stored columns the batch does not carry become NULL, as a new row's would.
        for (StoredColumn stored : table.columns()) {
            if (!columns.contains(stored.name()) && !SystemColumns.ALL.contains(stored.name())) {
                assignments.add(PgSql.quote(stored.name()) + " = NULL");
            }
        }
        assignments.add(PgSql.quote(SystemColumns.SYNCED) + " = EXCLUDED." + PgSql.quote(SystemColumns.SYNCED));
        assignments.add(PgSql.quote(SystemColumns.DELETED) + " = false");
        execute("INSERT INTO " + table.sqlName() + " AS " + TARGET + " (" + PgSql.columnList(columns) + ", "
                + PgSql.quote(SystemColumns.SYNCED) + ", " + PgSql.quote(SystemColumns.DELETED) + ") SELECT " + select
                + ", " + PgSql.timestampTz(batch.syncedAt()) + ", false FROM " + PgSql.quote(stage) + " AS " + STAGE
                + " ON CONFLICT (" + PgSql.columnList(key) + ") DO UPDATE SET " + String.join(", ", assignments),
                () -> "cannot upsert " + batch.rowCount() + " rows into table " + table.displayName() + " (columns " + columns + ")");
        clearStage(stage);
    }

    private void update(PgTable table, RowBatch batch) {
        if (batch.rowCount() == 0) {
            return;
        }
        List<String> key = batch.table().effectiveKey();
        List<String> changed = batch.columnNames().subList(key.size(), batch.columnNames().size());
        String stage = stage(table, batch);
        List<String> assignments = new ArrayList<>();
        for (String column : changed) {
            assignments.add(PgSql.quote(column) + " = " + castToStored(table, batch, column));
        }
        assignments.add(PgSql.quote(SystemColumns.SYNCED) + " = " + PgSql.timestampTz(batch.syncedAt()));
        execute("UPDATE " + table.sqlName() + " AS " + TARGET + " SET " + String.join(", ", assignments)
                + " FROM " + PgSql.quote(stage) + " AS " + STAGE + " WHERE " + keyMatch(table, batch),
                () -> "cannot update columns " + changed + " of table " + table.displayName());
        clearStage(stage);
    }

    private void delete(PgTable table, RowBatch batch) {
        if (batch.rowCount() == 0) {
            return;
        }
        String stage = stage(table, batch);
        execute("UPDATE " + table.sqlName() + " AS " + TARGET + " SET " + PgSql.quote(SystemColumns.DELETED) + " = true, "
                + PgSql.quote(SystemColumns.SYNCED) + " = " + PgSql.timestampTz(batch.syncedAt())
                + " FROM " + PgSql.quote(stage) + " AS " + STAGE + " WHERE " + keyMatch(table, batch),
                () -> "cannot delete rows of table " + table.displayName());
        clearStage(stage);
    }

    private void truncate(PgTable table, RowBatch batch) {
        execute("UPDATE " + table.sqlName() + " SET " + PgSql.quote(SystemColumns.DELETED) + " = true, "
                + PgSql.quote(SystemColumns.SYNCED) + " = " + PgSql.timestampTz(batch.syncedAt())
                + " WHERE " + PgSql.quote(SystemColumns.DELETED) + " IS DISTINCT FROM true",
                () -> "cannot truncate table " + table.displayName());
    }

    /** The smallest and largest value of a single integer key in a batch without null keys. */
    private record KeyRange(String column, long min, long max) {
    }

    private static Optional<KeyRange> integerKeyRange(PgTable table, RowBatch batch) {
        List<String> key = batch.table().effectiveKey();
        if (key.size() != 1) {
            return Optional.empty();
        }
        ColumnVector keys = batch.vector(key.get(0));
        boolean integer = isInteger(keys.type()) && table.column(key.get(0)).flatMap(StoredColumn::type)
                .filter(PostgresDestination::isInteger).isPresent();
        if (!integer || keys.hasNulls()) {
            return Optional.empty();
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int row = 0; row < batch.rowCount(); row++) {
            long value = keys.getLong(row);
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return Optional.of(new KeyRange(key.get(0), min, max));
    }

    private static boolean isInteger(DataType type) {
        return type.kind() == DataType.Kind.SHORT || type.kind() == DataType.Kind.INT || type.kind() == DataType.Kind.LONG;
    }

    /** Whether every column of the batch, and the system columns, are stored with exactly the batch's types. */
    private static boolean storedAsSent(PgTable table, RowBatch batch) {
        for (int i = 0; i < batch.columnNames().size(); i++) {
            DataType sent = batch.vectors().get(i).type();
            if (table.column(batch.columnNames().get(i)).flatMap(StoredColumn::type).filter(sent::equals).isEmpty()) {
                return false;
            }
        }
        return table.column(SystemColumns.SYNCED).flatMap(StoredColumn::type).filter(DataType.UTC_DATETIME::equals).isPresent()
                && table.column(SystemColumns.DELETED).flatMap(StoredColumn::type).filter(DataType.BOOLEAN::equals).isPresent();
    }

    private boolean noKeyAtOrAbove(PgTable table, KeyRange range) {
        if (!table.maxKeyKnown()) {
            String sql = "SELECT max(" + PgSql.quote(range.column()) + ") FROM " + table.sqlName();
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

    /** {@code _target.k = _stage.k AND ...} over the effective key. */
    private static String keyMatch(PgTable table, RowBatch batch) {
        return batch.table().effectiveKey().stream()
                .map(k -> TARGET + "." + PgSql.quote(k) + " = " + castToStored(table, batch, k))
                .collect(Collectors.joining(" AND "));
    }

    /** {@code _stage."c"}, cast to the stored column's type when the batch carries another type. */
    private static String castToStored(PgTable table, RowBatch batch, String column) {
        String staged = STAGE + "." + PgSql.quote(column);
        DataType incoming = batch.vector(column).type();
        Optional<StoredColumn> stored = table.column(column);
        if (stored.isEmpty() || stored.get().type().filter(incoming::equals).isPresent()) {
            return staged;
        }
        return "CAST(" + staged + " AS " + stored.get().sqlType() + ")";
    }

    // ---- staging

    /**
     * Streams a batch with COPY into a temporary staging table of the batch's columns and types, and returns
     * that table's name. Staging tables are kept (emptied) for the next batch of the same shape until the
     * transaction ends, which drops them.
     */
    private String stage(PgTable table, RowBatch batch) {
        List<String> definitions = new ArrayList<>();
        for (int i = 0; i < batch.columnNames().size(); i++) {
            definitions.add(PgSql.quote(batch.columnNames().get(i)) + " " + PgTypes.sqlType(batch.vectors().get(i).type()));
        }
        String signature = String.join(", ", definitions);
        String stage = stagingTables.get(signature);
        if (stage == null) {
            stage = "_spate_stage_" + (++stagingTablesCreated);
            String sql = "CREATE TEMP TABLE " + PgSql.quote(stage) + " (" + signature + ") ON COMMIT DROP";
            execute(sql, () -> "cannot create a staging table for table " + table.displayName());
            stagingTables.put(signature, stage);
        }
        copy(PgSql.quote(stage), batch.columnNames(), batch.vectors(), table, batch);
        return stage;
    }

    /** Streams the vectors with COPY into the columns of a table. */
    private void copy(String into, List<String> columns, List<ColumnVector> vectors, PgTable table, RowBatch batch) {
        String copy = "COPY " + into + " (" + PgSql.columnList(columns) + ") FROM STDIN " + settings.copyFormat().options();
        CopyIn copyIn = null;
        try {
            copyIn = copyManager.copyIn(copy);
            CopyBuffer buffer = new CopyBuffer(copyIn);
            settings.copyFormat().write(vectors, batch.rowCount(), buffer);
            buffer.flush();
            copyIn.endCopy();
        } catch (SQLException e) {
            cancel(copyIn, e);
            throw failure("cannot load " + batch.rowCount() + " rows (columns " + batch.columnNames() + ") of table "
                    + table.displayName() + " with COPY", e);
        } catch (RuntimeException e) {
            cancel(copyIn, e);
            throw new SpateException(Category.DATA, "cannot encode " + batch.rowCount() + " rows (columns "
                    + batch.columnNames() + ") of table " + table.displayName() + " for COPY into " + settings.where() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void cancel(CopyIn copyIn, Exception failure) {
        if (copyIn == null || !copyIn.isActive()) {
            return;
        }
        try {
            copyIn.cancelCopy();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void clearStage(String stage) {
        execute("TRUNCATE " + PgSql.quote(stage), () -> "cannot clear staging table " + stage);
    }

    // ---- tables

    private PgTable table(TableSchema schema) {
        String schemaName = schema.schema().orElse(settings.schema());
        List<String> cacheKey = List.of(schemaName, schema.name());
        PgTable known = tables.get(cacheKey);
        if (known != null) {
            return known;
        }
        String displayName = schemaName + "." + schema.name();
        List<StoredColumn> stored = storedColumns(schemaName, schema.name());
        if (stored.isEmpty()) {
            String definitions = columnsWithSystemColumns(schema).stream()
                    .map(c -> PgSql.quote(c.name()) + " " + PgTypes.sqlType(c.type()))
                    .collect(Collectors.joining(", "));
            ensureSchema(schemaName);
            execute("CREATE TABLE IF NOT EXISTS " + PgSql.qualified(schemaName, schema.name()) + " (" + definitions
                    + ", PRIMARY KEY (" + PgSql.columnList(schema.effectiveKey()) + "))",
                    () -> "cannot create table " + displayName);
            stored = storedColumns(schemaName, schema.name());
            pendingWork = true;
        } else {
            requireUniqueKey(schemaName, schema, displayName);
        }
        PgTable table = new PgTable(schemaName, schema.name(), stored);
        tables.put(cacheKey, table);
        return table;
    }

    /** A table made earlier (or by someone else) must have a unique index on the key for ON CONFLICT. */
    private void requireUniqueKey(String schemaName, TableSchema schema, String displayName) {
        String sql = "SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_index i"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                + " WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL"
                + " GROUP BY i.indexrelid";
        Set<String> wanted = Set.copyOf(schema.effectiveKey());
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, PgSql.qualified(schemaName, schema.name()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Set<String> indexed = Set.of((String[]) rows.getArray(1).getArray());
                    if (indexed.equals(wanted)) {
                        return;
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("cannot read the indexes of table " + displayName, e);
        }
        throw new SpateException(Category.CONFIG, "table " + displayName + " in " + settings.where()
                + " has no primary key or unique index on " + schema.effectiveKey()
                + ", which spate needs to merge rows by key: add one (ALTER TABLE " + PgSql.qualified(schemaName, schema.name())
                + " ADD PRIMARY KEY (" + PgSql.columnList(schema.effectiveKey()) + ")) or drop the table to let spate create it");
    }

    private void ensureSchema(String schemaName) {
        if (knownSchemas.contains(schemaName)) {
            return;
        }
        // CREATE SCHEMA IF NOT EXISTS needs the database's CREATE privilege even when the schema exists.
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            select.setString(1, schemaName);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    execute("CREATE SCHEMA IF NOT EXISTS " + PgSql.quote(schemaName), () -> "cannot create schema " + schemaName);
                    pendingWork = true;
                }
            }
        } catch (SQLException e) {
            throw failure("cannot look up schema " + schemaName, e);
        }
        knownSchemas.add(schemaName);
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
        String sql = "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                + " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
        List<StoredColumn> columns = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, PgSql.qualified(schema, table));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2);
                    columns.add(new StoredColumn(rows.getString(1), type, PgTypes.fromSql(type)));
                }
            }
        } catch (SQLException e) {
            throw failure("cannot read the columns of table " + schema + "." + table, e);
        }
        return columns;
    }

    // ---- transactions and errors

    /** What a new transaction starts from: staging tables were dropped with the last one. */
    private void afterTransaction() {
        stagingTables.clear();
        tables.values().forEach(PgTable::forgetMaxKey);
        pendingWork = false;
    }

    /**
     * Rolls the open transaction back and forgets what was learnt in it: tables, schemas and staging tables
     * created in it are gone, and a column change in it is undone.
     */
    private void discardOpenWork(SpateException cause) {
        tables.clear();
        knownSchemas.clear();
        afterTransaction();
        try {
            connection.rollback();
        } catch (SQLException e) {
            if (cause == null) {
                throw failure("cannot roll back", e);
            }
            cause.addSuppressed(e);
        }
    }

    private void execute(String sql, Supplier<String> what) {
        try {
            run(sql);
        } catch (SQLException e) {
            throw failure(what.get(), e);
        }
    }

    private void run(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * A failure of a statement: DATA for values PostgreSQL rejects (SQLSTATE classes 22 and 23), RETRIABLE for
     * a lost connection (class 08; the next run resumes from the last commit), INTERNAL otherwise.
     */
    private SpateException failure(String what, SQLException e) {
        String state = String.valueOf(e.getSQLState());
        Category category = state.startsWith("22") || state.startsWith("23") ? Category.DATA
                : isConnectionLost(e) ? Category.RETRIABLE : Category.INTERNAL;
        return new SpateException(category, what + " in " + settings.where() + ": " + PgSql.errorMessage(e), e);
    }

    private static boolean isConnectionLost(SQLException e) {
        return String.valueOf(e.getSQLState()).startsWith("08");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the destination " + settings.where() + " is closed");
        }
    }
}
