package io.spate.format;

import io.spate.format.avro.AvroRecordReader;
import io.spate.format.compress.ArchiveMember;
import io.spate.format.json.JsonRecordReader;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.types.Coercion;
import io.spate.types.TextValues;
import io.spate.types.TypeWidening;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Infers the columns of a table from samples of its files: at most {@code sample_bytes} (decompressed)
 * of each file and at most {@code sample_files} files; the caller picks which (newest first). Each value
 * says a type (text with {@link TextValues#inferType}, JSON values by their kind, Avro from the schema);
 * types merge with {@link TypeWidening#widen} across records and files; columns appear in the order
 * first seen. Then {@code columns:} overrides types (and adds declared columns no sample showed) and
 * {@code select:} keeps only the selected columns, in its order. A column that held only nulls is STRING.
 *
 * <p>Bad records met while sampling are passed over: the real read reports them under {@code on_error}.
 * Parquet files are not sampled here: their schema comes from DuckDB.
 * Not thread-safe: one inference per table.
 */
public final class SchemaInference {
    private final FormatOptions options;
    private final Map<String, DataType> types = new LinkedHashMap<>();
    private int filesSampled;

    public SchemaInference(FormatOptions options) {
        this.options = options;
    }

    /** True while fewer than {@code sample_files} files have been sampled. */
    public boolean wantsMoreFiles() {
        return filesSampled < options.sampleFiles();
    }

    /** Samples one (decompressed) file: opens it, reads up to {@code sample_bytes}, closes it. */
    public void sample(Format format, ArchiveMember file) {
        try (RecordReader reader = FormatReaders.open(format, file.name(), file.stream(), options, List.copyOf(types.keySet()),
                ErrorHandling.of(OnError.SKIP, bad -> { }))) {
            sample(format, reader);
        }
    }

    /** Samples records from an open reader (up to {@code sample_bytes}); the caller closes it. */
    public void sample(Format format, RecordReader reader) {
        filesSampled++;
        if (reader instanceof AvroRecordReader avro) {
            avro.columnTypes().forEach(c -> merge(c.name(), c.type()));
            return;
        }
        reader.columns().forEach(name -> types.putIfAbsent(name, null));
        JsonRecordReader json = reader instanceof JsonRecordReader j ? j : null;
        while (reader.bytesRead() < options.sampleBytes() && reader.next()) {
            Object[] values = reader.values();
            List<String> columns = reader.columns();
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value == null) {
                    types.putIfAbsent(columns.get(i), null);
                    continue;
                }
                DataType type;
                if (format == Format.TXT) {
                    type = DataType.STRING;
                } else if (json != null) {
                    type = json.isNested(i) ? DataType.JSON : jsonValueType(value);
                } else {
                    type = TextValues.inferType((String) value);
                }
                merge(columns.get(i), type);
            }
        }
    }

    private static DataType jsonValueType(Object value) {
        if (value instanceof String text) {
            DataType type = TextValues.inferType(text);
            boolean temporal = type != null && (type.kind() == DataType.Kind.NAIVE_DATE
                    || type.kind() == DataType.Kind.NAIVE_DATETIME || type.kind() == DataType.Kind.UTC_DATETIME);
            return temporal ? type : DataType.STRING;
        }
        return Coercion.inferType(value);
    }

    private void merge(String column, DataType type) {
        if (type == null) {
            types.putIfAbsent(column, null);
            return;
        }
        types.merge(column, type, TypeWidening::widen);
    }

    /** The inferred columns, with {@code columns:} and {@code select:} applied, for a {@code TableSpec}. */
    public List<Column> columns() {
        Map<String, DataType> result = new LinkedHashMap<>();
        types.forEach((name, type) -> result.put(name, type == null ? DataType.STRING : type));
        result.putAll(options.columnTypes());
        if (options.select().isEmpty()) {
            List<Column> columns = new ArrayList<>();
            result.forEach((name, type) -> columns.add(Column.of(name, type)));
            return List.copyOf(columns);
        }
        return options.select().stream().map(name -> Column.of(name, result.getOrDefault(name, DataType.STRING))).toList();
    }

    /** How many files were sampled. */
    public int filesSampled() {
        return filesSampled;
    }
}
