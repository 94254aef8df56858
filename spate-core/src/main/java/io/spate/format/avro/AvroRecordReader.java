package io.spate.format.avro;

import io.spate.format.AbstractRecordReader;
import io.spate.format.BadRecord;
import io.spate.format.ErrorHandling;
import io.spate.format.FormatOptions;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro object container files through Apache Avro's {@link DataFileStream} (every codec: null, deflate,
 * snappy, zstandard, xz, bzip2). Each top-level field is a column, typed from the schema
 * ({@link #columnTypes()}); {@code select} reads only those fields (Avro skips the others' bytes).
 *
 * <p>Values: {@code Boolean}, {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code String}
 * (strings, enums), {@code byte[]} (bytes, fixed), {@code BigDecimal} (decimal), {@code LocalDate} (date),
 * {@code Instant} (timestamp-millis/micros/nanos, UTC), {@code LocalDateTime} (local-timestamp-*), time
 * types as ISO text, and records, arrays and maps as JSON text.
 */
public final class AvroRecordReader extends AbstractRecordReader {
    private final String file;
    private final ErrorHandling errors;
    private final DataFileStream<GenericRecord> stream;
    private final List<Schema.Field> fields;
    private final List<String> columns;
    private final CountingStream input;
    private GenericRecord reuse;

    private AvroRecordReader(String file, InputStream input, FormatOptions options, ErrorHandling errors) throws IOException {
        this.file = file;
        this.errors = errors;
        this.input = new CountingStream(input);
        GenericDatumReader<GenericRecord> datumReader = new GenericDatumReader<>();
        this.stream = new DataFileStream<>(this.input, datumReader);
        Schema writer = stream.getSchema();
        if (writer.getType() != Schema.Type.RECORD) {
            throw SpateException.unsupported(file + ": the Avro schema is a " + writer.getType() + ", not a record");
        }
        Schema reader = options.select().isEmpty() ? writer : project(writer, options.select());
        datumReader.setExpected(reader);
        this.fields = reader.getFields();
        this.columns = fields.stream().map(Schema.Field::name).toList();
        this.values = new Object[columns.size()];
    }

    public static AvroRecordReader open(String file, InputStream input, FormatOptions options, ErrorHandling errors) {
        try {
            return new AvroRecordReader(file, input, options, errors);
        } catch (IOException | AvroRuntimeException e) {
            throw SpateException.data(file + ": not a readable Avro file (" + e.getMessage() + ")");
        }
    }

    private Schema project(Schema writer, List<String> select) {
        List<Schema.Field> kept = new ArrayList<>();
        for (String name : select) {
            Schema.Field field = writer.getField(name);
            if (field == null) {
                throw SpateException.config(file + ": select: column \"" + name + "\" is not in the file (its columns: "
                        + String.join(", ", writer.getFields().stream().map(Schema.Field::name).toList()) + ")");
            }
            kept.add(new Schema.Field(field, field.schema()));
        }
        return Schema.createRecord(writer.getName(), writer.getDoc(), writer.getNamespace(), false, kept);
    }

    /** The columns with their spate types, from the file's schema (nullable unions unwrapped). */
    public List<Column> columnTypes() {
        return fields.stream().map(f -> Column.of(f.name(), typeOf(f.schema()))).toList();
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        while (readNext()) {
            Optional<BadRecord> bad = convertCurrent();
            if (bad.isEmpty()) {
                return true;
            }
            errors.handle(bad.get());
        }
        return false;
    }

    private boolean readNext() {
        try {
            if (!stream.hasNext()) {
                if (!input.endedAfterSync()) {
                    throw SpateException.data(file + " record " + (recordNumber + 1) + ": the Avro data is truncated or "
                            + "corrupt (the file does not end with a complete block)");
                }
                return false;
            }
            recordNumber++;
            reuse = stream.next(reuse);
            return true;
        } catch (AvroRuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw SpateException.data(file + " record " + recordNumber + ": the Avro data is truncated or corrupt ("
                    + (cause instanceof EOFException ? "unexpected end of file" : cause.getMessage()) + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<BadRecord> convertCurrent() {
        for (int i = 0; i < values.length; i++) {
            Schema.Field field = fields.get(i);
            try {
                values[i] = convert(reuse.get(i), field.schema());
            } catch (ArithmeticException | IllegalArgumentException | java.time.DateTimeException e) {
                return Optional.of(BadRecord.inColumn(file, 0, recordNumber, field.name(), "cannot be converted: "
                        + e.getMessage(), String.valueOf(reuse)));
            }
        }
        return Optional.empty();
    }

    /** The spate value of an Avro value of {@code schema}. */
    static Object convert(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        if (schema.getType() == Schema.Type.UNION) {
            if (typeOf(schema) == DataType.JSON) {
                return GenericData.get().toString(value); // a union of several types is a JSON column
            }
            return convert(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
        }
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case STRING, ENUM -> {
                return value.toString();
            }
            case INT -> {
                if (logical instanceof LogicalTypes.Date) {
                    return LocalDate.ofEpochDay((Integer) value);
                }
                if (logical instanceof LogicalTypes.TimeMillis) {
                    return java.time.LocalTime.ofNanoOfDay((Integer) value * 1_000_000L).toString();
                }
                return value;
            }
            case LONG -> {
                long v = (Long) value;
                if (logical == null) {
                    return value;
                }
                return switch (logical.getName()) {
                    case "timestamp-millis" -> Instant.ofEpochMilli(v);
                    case "timestamp-micros" -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000);
                    case "timestamp-nanos" -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
                    case "local-timestamp-millis" -> LocalDateTime.ofInstant(Instant.ofEpochMilli(v), ZoneOffset.UTC);
                    case "local-timestamp-micros" -> LocalDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L),
                            Math.floorMod(v, 1_000_000L) * 1000), ZoneOffset.UTC);
                    case "local-timestamp-nanos" -> LocalDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L),
                            Math.floorMod(v, 1_000_000_000L)), ZoneOffset.UTC);
                    case "time-micros" -> java.time.LocalTime.ofNanoOfDay(v * 1000).toString();
                    default -> value;
                };
            }
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) value).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return logical instanceof LogicalTypes.Decimal d ? new BigDecimal(new BigInteger(bytes), d.getScale()) : bytes;
            }
            case FIXED -> {
                byte[] bytes = ((GenericData.Fixed) value).bytes().clone();
                return logical instanceof LogicalTypes.Decimal d ? new BigDecimal(new BigInteger(bytes), d.getScale()) : bytes;
            }
            case RECORD, ARRAY, MAP -> {
                return GenericData.get().toString(value);
            }
            default -> {
                return value; // BOOLEAN, FLOAT, DOUBLE as they are
            }
        }
    }

    /** The spate type of an Avro schema. */
    static DataType typeOf(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            List<Schema> types = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
            return types.size() == 1 ? typeOf(types.get(0)) : DataType.JSON;
        }
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal d) {
            return d.getPrecision() <= DataType.MAX_DECIMAL_PRECISION ? DataType.decimal(d.getPrecision(), d.getScale()) : DataType.STRING;
        }
        return switch (schema.getType()) {
            case BOOLEAN -> DataType.BOOLEAN;
            case INT -> logical instanceof LogicalTypes.Date ? DataType.NAIVE_DATE
                    : logical instanceof LogicalTypes.TimeMillis ? DataType.STRING : DataType.INT;
            case LONG -> logical == null ? DataType.LONG : switch (logical.getName()) {
                case "timestamp-millis", "timestamp-micros", "timestamp-nanos" -> DataType.UTC_DATETIME;
                case "local-timestamp-millis", "local-timestamp-micros", "local-timestamp-nanos" -> DataType.NAIVE_DATETIME;
                case "time-micros" -> DataType.STRING;
                default -> DataType.LONG;
            };
            case FLOAT -> DataType.FLOAT;
            case DOUBLE -> DataType.DOUBLE;
            case STRING, ENUM -> DataType.STRING;
            case BYTES, FIXED -> DataType.BINARY;
            case RECORD, ARRAY, MAP -> DataType.JSON;
            case NULL -> DataType.STRING;
            case UNION -> DataType.JSON;
        };
    }

    /** Bytes of the file read so far (Avro reads whole blocks, so this runs ahead of the records). */
    @Override
    public long bytesRead() {
        return input.count;
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Counts bytes and keeps the head (for the header's sync marker) and the last 16 bytes. Avro's
     * DataFileStream ends quietly when a block is cut short, so a read counts as complete only when the
     * stream ended right after a sync marker, as every block does.
     */
    private static final class CountingStream extends java.io.FilterInputStream {
        private static final int HEAD_LIMIT = 1 << 20;
        private final java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        private final byte[] tail = new byte[DataFileConstants.SYNC_SIZE];
        private long count;
        private boolean ended;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) {
                ended = true;
                return n;
            }
            if (count < HEAD_LIMIT) {
                head.write(b, off, (int) Math.min(n, HEAD_LIMIT - count));
            }
            for (int i = Math.max(0, n - tail.length); i < n; i++) {
                System.arraycopy(tail, 1, tail, 0, tail.length - 1);
                tail[tail.length - 1] = b[off + i];
            }
            count += n;
            return n;
        }

        /** True when the stream has ended just after the file's sync marker. */
        boolean endedAfterSync() {
            if (!ended || count < tail.length) {
                return false;
            }
            try {
                BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(head.toByteArray(), null);
                decoder.skipFixed(DataFileConstants.MAGIC.length);
                for (long n = decoder.readMapStart(); n != 0; n = decoder.mapNext()) {
                    for (long i = 0; i < n; i++) {
                        decoder.skipString();
                        decoder.skipBytes();
                    }
                }
                byte[] sync = new byte[DataFileConstants.SYNC_SIZE];
                decoder.readFixed(sync);
                return java.util.Arrays.equals(sync, tail);
            } catch (IOException e) {
                return false;
            }
        }
    }
}
