package io.spate.jdbc.destination;

import io.spate.batch.ColumnVector;
import io.spate.batch.RowBatch;
import io.spate.destination.Destination;
import io.spate.destination.TableSchema;
import io.spate.destination.sql.SqlDestination;
import io.spate.destination.sql.SqlDialect;
import io.spate.destination.sql.SqlTable;
import io.spate.destination.sql.StoredColumn;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import io.spate.sdk.SpateException.Category;
import io.spate.sdk.SystemColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL destination, a {@link SqlDestination}. One connection holds one open transaction between commits: every statement of
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
public final class PostgresDestination extends SqlDestination {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresDestination.class);
    private static final String STATE_TABLE_NAME = "_spate_state";
    /** Quoted PostgreSQL identifiers keep their case. */
    private static final SqlDialect DIALECT = new SqlDialect(PgSql::quote, PgSql::qualified, PgTypes::sqlType,
            PgTypes::fromSql, PgSql::timestampTz, PgSql::errorMessage, true);

    private final PostgresSettings settings;
    private final CopyManager copyManager;
    private final Set<String> knownSchemas = new HashSet<>();

    private PostgresDestination(PostgresSettings settings, Connection connection) throws SQLException {
        super(connection, DIALECT, settings.schema(), PgSql.qualified(settings.schema(), STATE_TABLE_NAME),
                settings.schema() + "." + STATE_TABLE_NAME);
        this.settings = settings;
        this.copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    /** Connects, creates the state table when missing and opens the first transaction. */
    static PostgresDestination open(PostgresSettings settings) {
        Connection connection = settings.connect();
        return openOn(connection, () -> {
            PostgresDestination destination = new PostgresDestination(settings, connection);
            destination.prepare();
            return destination;
        }, e -> "cannot set up the destination in " + settings.where() + ": "
                + (e instanceof SQLException sql ? PgSql.errorMessage(sql) : e.getMessage()));
    }

    private void prepare() throws SQLException {
        connection().setAutoCommit(false);
        // Session settings, not data: timestamps travel as UTC whatever the server's default zone.
        run("SET TIME ZONE 'UTC'");
        ensureSchema(settings.schema());
        run("CREATE TABLE IF NOT EXISTS " + stateTable()
                + " (pipeline_id text PRIMARY KEY, sequence bigint, state jsonb, committed_at timestamptz)");
        connection().commit();
        committed();
    }

    // ---- dialect

    @Override
    protected String where() {
        return settings.where();
    }

    /**
     * DATA for values PostgreSQL rejects (SQLSTATE classes 22 and 23), RETRIABLE for a lost connection (class 08;
     * the next run resumes from the last commit), INTERNAL otherwise.
     */
    @Override
    protected Category category(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        return state.startsWith("22") || state.startsWith("23") ? Category.DATA
                : isConnectionLost(e) ? Category.RETRIABLE : Category.INTERNAL;
    }

    @Override
    protected boolean isConnectionLost(SQLException e) {
        return String.valueOf(e.getSQLState()).startsWith("08");
    }

    @Override
    protected String columnsQuery() {
        return "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                + " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
    }

    @Override
    protected List<String> columnsQueryParameters(String schema, String table) {
        return List.of(PgSql.qualified(schema, table));
    }

    @Override
    protected void createTable(String schemaName, TableSchema schema, String columnDefinitions) {
        ensureSchema(schemaName);
        execute("CREATE TABLE IF NOT EXISTS " + PgSql.qualified(schemaName, schema.name()) + " (" + columnDefinitions
                + ", PRIMARY KEY (" + PgSql.columnList(schema.effectiveKey()) + "))",
                () -> "cannot create table " + schemaName + "." + schema.name());
    }

    @Override
    protected Optional<String> widening(SqlTable table, String quotedColumn, DataType stored, DataType wanted) {
        return PgTypes.widening(stored, wanted).map(PgTypes::sqlType).map(type -> "ALTER TABLE " + table.sqlName()
                + " ALTER COLUMN " + quotedColumn + " TYPE " + type + " USING " + quotedColumn + "::" + type);
    }

    @Override
    protected void announceChange(String change) {
        LOG.info("{}: {}", settings.where(), change);
    }

    @Override
    protected String saveStateSql() {
        return "INSERT INTO " + stateTable() + " (pipeline_id, sequence, state, committed_at)"
                + " VALUES (?, ?, ?::jsonb, clock_timestamp()) ON CONFLICT (pipeline_id) DO UPDATE SET"
                + " sequence = EXCLUDED.sequence, state = EXCLUDED.state, committed_at = EXCLUDED.committed_at";
    }

    // ---- operations

    @Override
    protected void upsert(SqlTable table, RowBatch batch) {
        Optional<KeyRange> range = batch.table().effectiveKey().size() == 1 ? integerKeyRange(table, batch) : Optional.empty();
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
    private void copyIntoTable(SqlTable table, RowBatch batch) {
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

    private void merge(SqlTable table, RowBatch batch) {
        String stage = stage(table, batch);
        List<String> columns = batch.columnNames();
        List<String> key = batch.table().effectiveKey();
        String select = columns.stream().map(c -> stagedValue(table, batch, c)).collect(Collectors.joining(", "));
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
        execute("INSERT INTO " + table.sqlName() + " AS " + targetAlias() + " (" + PgSql.columnList(columns) + ", "
                + PgSql.quote(SystemColumns.SYNCED) + ", " + PgSql.quote(SystemColumns.DELETED) + ") SELECT " + select
                + ", " + PgSql.timestampTz(batch.syncedAt()) + ", false FROM " + PgSql.quote(stage) + " AS " + stageAlias()
                + " ON CONFLICT (" + PgSql.columnList(key) + ") DO UPDATE SET " + String.join(", ", assignments),
                () -> "cannot upsert " + batch.rowCount() + " rows into table " + table.displayName() + " (columns " + columns + ")");
        clearStage(stage);
    }

    /** Whether every column of the batch, and the system columns, are stored with exactly the batch's types. */
    private static boolean storedAsSent(SqlTable table, RowBatch batch) {
        for (int i = 0; i < batch.columnNames().size(); i++) {
            DataType sent = batch.vectors().get(i).type();
            if (table.column(batch.columnNames().get(i)).flatMap(StoredColumn::type).filter(sent::equals).isEmpty()) {
                return false;
            }
        }
        return table.column(SystemColumns.SYNCED).flatMap(StoredColumn::type).filter(DataType.UTC_DATETIME::equals).isPresent()
                && table.column(SystemColumns.DELETED).flatMap(StoredColumn::type).filter(DataType.BOOLEAN::equals).isPresent();
    }

    /** {@code _target.k = _stage.k AND ...} over the effective key. */
    @Override
    protected String keyMatch(SqlTable table, RowBatch batch) {
        return batch.table().effectiveKey().stream()
                .map(k -> targetAlias() + "." + PgSql.quote(k) + " = " + stagedValue(table, batch, k))
                .collect(Collectors.joining(" AND "));
    }

    /** {@code _stage."c"}, cast to the stored column's type when the batch carries another type. */
    @Override
    protected String stagedValue(SqlTable table, RowBatch batch, String column) {
        String staged = stageAlias() + "." + PgSql.quote(column);
        DataType incoming = batch.vector(column).type();
        Optional<StoredColumn> stored = table.column(column);
        if (stored.isEmpty() || stored.get().type().filter(incoming::equals).isPresent()) {
            return staged;
        }
        return "CAST(" + staged + " AS " + stored.get().sqlType() + ")";
    }

    // ---- staging

    @Override
    protected String stagingTableOptions() {
        // Dropped with the transaction: forgotten after every commit and rollback.
        return " ON COMMIT DROP";
    }

    /** Streams a batch with COPY into its staging table. */
    @Override
    protected void loadStage(String quotedStage, SqlTable table, RowBatch batch) {
        copy(quotedStage, batch.columnNames(), batch.vectors(), table, batch);
    }

    /** Streams the vectors with COPY into the columns of a table. */
    private void copy(String into, List<String> columns, List<ColumnVector> vectors, SqlTable table, RowBatch batch) {
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

    // ---- tables

    /** A table made earlier (or by someone else) must have a unique index on the key for ON CONFLICT. */
    @Override
    protected void checkExistingTable(String schemaName, TableSchema schema, String displayName) {
        String sql = "SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_index i"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                + " WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL"
                + " GROUP BY i.indexrelid";
        Set<String> wanted = Set.copyOf(schema.effectiveKey());
        try (PreparedStatement select = connection().prepareStatement(sql)) {
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
        try (PreparedStatement select = connection().prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            select.setString(1, schemaName);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    execute("CREATE SCHEMA IF NOT EXISTS " + PgSql.quote(schemaName), () -> "cannot create schema " + schemaName);
                    markPendingWork();
                }
            }
        } catch (SQLException e) {
            throw failure("cannot look up schema " + schemaName, e);
        }
        knownSchemas.add(schemaName);
    }

    // ---- transactions

    @Override
    protected void endTransaction() throws SQLException {
        connection().commit();
    }

    /** What a new transaction starts from: staging tables were dropped with the last one. */
    @Override
    protected void afterCommit() {
        forgetStagingTables();
        forgetMaxKeys();
    }

    @Override
    protected void abortTransaction(Optional<SpateException> cause) {
        try {
            connection().rollback();
        } catch (SQLException e) {
            if (cause.isEmpty()) {
                throw failure("cannot roll back", e);
            }
            cause.get().addSuppressed(e);
        }
    }

    @Override
    protected void rollbackOnClose() throws SQLException {
        if (!connection().isClosed()) {
            connection().rollback();
        }
    }

    @Override
    protected void forgetOpenWork() {
        knownSchemas.clear();
    }
}
