package io.spate.runtime;

import io.spate.destination.TableSchema;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import io.spate.sdk.SystemColumns;
import io.spate.sdk.TableSpec;
import io.spate.types.Coercion;
import io.spate.types.TypeWidening;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the runtime knows of one table across all threads: declared columns (fixed types) and inferred
 * ones (which widen), the key, and the table's metrics. Thread-safe.
 */
final class TableInfo {
    private final String qualifiedName;
    private final Optional<String> schema;
    private final String name;
    private final List<String> primaryKey;
    private final Map<String, DataType> declared = new LinkedHashMap<>();
    private final Map<String, DataType> types = new LinkedHashMap<>();

    final AtomicLong rows = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong firstRowNanos = new AtomicLong();
    final AtomicLong lastWriteNanos = new AtomicLong();

    TableInfo(TableSpec spec) {
        this.qualifiedName = spec.qualifiedName();
        this.schema = spec.schema();
        this.name = spec.name();
        this.primaryKey = spec.primaryKey();
        for (Column column : spec.columns()) {
            if (!column.widens()) {
                declared.put(column.name(), column.type());
            }
            types.put(column.name(), column.type());
        }
        for (String key : primaryKey) {
            if (!declared.containsKey(key) && SystemColumns.ALL.contains(key) && !key.equals(SystemColumns.LINE)
                    && !key.equals(SystemColumns.FILE)) {
                throw SpateException.config("table " + qualifiedName + ": system column " + key + " cannot be a key");
            }
        }
    }

    /** A table the connector never declared: no key, every column inferred. */
    static TableInfo undeclared(String qualifiedName) {
        int dot = qualifiedName.indexOf('.');
        TableSpec.Builder spec = TableSpec.builder(dot < 0 ? qualifiedName : qualifiedName.substring(dot + 1));
        if (dot > 0) {
            spec.schema(qualifiedName.substring(0, dot));
        }
        return new TableInfo(spec.build());
    }

    String qualifiedName() {
        return qualifiedName;
    }

    List<String> primaryKey() {
        return primaryKey;
    }

    boolean keyless() {
        return primaryKey.isEmpty();
    }

    boolean isDeclared(String column) {
        return declared.containsKey(column);
    }

    /** Adds the columns not known yet (declared or inferred, as each says); known columns keep their type. */
    synchronized void addColumns(List<Column> columns) {
        for (Column column : columns) {
            if (!types.containsKey(column.name())) {
                types.put(column.name(), column.type());
                if (!column.widens()) {
                    declared.put(column.name(), column.type());
                }
            }
        }
    }

        /** The column's type, inferring it from {@code value} when the column is new (null: unknown yet). */
    synchronized DataType typeOf(String column, Object value) {
        DataType known = types.get(column);
        if (known != null) {
            return known;
        }
        DataType inferred = Coercion.inferType(value);
        if (inferred != null) {
            types.put(column, inferred);
        }
        return inferred;
    }

    /** Widens an inferred column so that it holds {@code needed} values; returns the new type. */
    synchronized DataType widen(String column, DataType needed) {
        DataType current = types.get(column);
        DataType wider = current == null ? needed : TypeWidening.widen(current, needed);
        if (wider.equals(current) && needed != null && !needed.equals(current)) {
            wider = DataType.STRING;
        }
        types.put(column, wider);
        return wider;
    }

    synchronized DataType currentType(String column) {
        return types.get(column);
    }

    /** The table with the given columns, for a batch. */
    TableSchema schemaWith(List<Column> columns) {
        return new TableSchema(schema, name, primaryKey, columns);
    }

    /** The table with every column known so far. */
    synchronized TableSchema currentSchema() {
        List<Column> columns = new ArrayList<>();
        types.forEach((column, type) -> columns.add(new Column(column, type)));
        return schemaWith(columns);
    }

    TableMetrics metrics() {
        long first = firstRowNanos.get();
        long last = lastWriteNanos.get();
        java.time.Duration elapsed = first == 0 || last < first ? java.time.Duration.ZERO : java.time.Duration.ofNanos(last - first);
        return new TableMetrics(qualifiedName, rows.get(), bytes.get(), batches.get(), elapsed);
    }
}
