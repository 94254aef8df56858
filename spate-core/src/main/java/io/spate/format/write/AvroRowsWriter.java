package io.spate.format.write;

import io.spate.batch.ColumnVector;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;

/**
 * An Avro object container file. Rows are encoded straight from the column vectors (no record objects): the
 * datum handed to Avro is the row index into the current vectors.
 */
final class AvroRowsWriter implements FormatWriter {
    private final List<Column> columns;
    private final CountingOutputStream counted;
    private final RowDatumWriter datums;
    private final DataFileWriter<Integer> file;
    private long rows;

    AvroRowsWriter(String recordName, List<Column> columns, Set<String> nonNullable, AvroCodec codec, int syncInterval,
            Map<String, String> metadata, OutputStream target) throws IOException {
        this.columns = List.copyOf(columns);
        this.counted = new CountingOutputStream(target);
        Schema schema = AvroSchemas.record(recordName, columns, nonNullable);
        boolean[] nullable = new boolean[columns.size()];
        for (int c = 0; c < nullable.length; c++) {
            nullable[c] = !nonNullable.contains(columns.get(c).name());
        }
        this.datums = new RowDatumWriter(columns.stream().map(Column::type).toArray(DataType[]::new), nullable);
        this.file = new DataFileWriter<>(datums);
        file.setCodec(codec.factory());
        file.setSyncInterval(syncInterval);
        metadata.forEach(file::setMeta);
        file.create(schema, counted);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public void write(List<ColumnVector> vectors, int[] selection, int count) throws IOException {
        datums.vectors = vectors.toArray(ColumnVector[]::new);
        for (int i = 0; i < count; i++) {
            file.append(selection[i]);
        }
        rows += count;
    }

    @Override
    public long rowCount() {
        return rows;
    }

    @Override
    public long bytesWritten() {
        return counted.count();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    @Override
    public void abort() {
        // nothing to finish: the caller discards the target (closing it would publish the partial content)
    }

    /** Encodes row {@code datum} of the current vectors. */
    private static final class RowDatumWriter implements DatumWriter<Integer> {
        private final DataType[] types;
        private final boolean[] nullable;
        private final byte[] decimalBytes = new byte[8];
        ColumnVector[] vectors;

        RowDatumWriter(DataType[] types, boolean[] nullable) {
            this.types = types;
            this.nullable = nullable;
        }

        @Override
        public void setSchema(Schema schema) {
            // the encoding follows the column types, from which the schema was made
        }

        @Override
        public void write(Integer datum, Encoder out) throws IOException {
            int row = datum;
            for (int c = 0; c < types.length; c++) {
                ColumnVector vector = vectors[c];
                if (nullable[c]) {
                    if (vector.isNull(row)) {
                        out.writeIndex(0);
                        out.writeNull();
                        continue;
                    }
                    out.writeIndex(1);
                }
                switch (types[c].kind()) {
                    case BOOLEAN -> out.writeBoolean(vector.getLong(row) != 0);
                    case SHORT, INT, NAIVE_DATE -> out.writeInt((int) vector.getLong(row));
                    case LONG, NAIVE_DATETIME, UTC_DATETIME -> out.writeLong(vector.getLong(row));
                    case FLOAT -> out.writeFloat((float) vector.getDouble(row));
                    case DOUBLE -> out.writeDouble(vector.getDouble(row));
                    case DECIMAL -> {
                        if (vector.storage() == ColumnVector.Storage.LONG) {
                            int length = twosComplement(vector.getLong(row), decimalBytes);
                            out.writeBytes(decimalBytes, 0, length);
                        } else {
                            out.writeBytes(unscaledBytes(vector, row));
                        }
                    }
                    case BINARY -> out.writeBytes((byte[]) vector.getObject(row));
                    case STRING, JSON -> out.writeString((String) vector.getObject(row));
                }
            }
        }

        private static byte[] unscaledBytes(ColumnVector vector, int row) {
            BigInteger unscaled = ((BigDecimal) vector.getObject(row)).setScale(vector.type().scale()).unscaledValue();
            return unscaled.toByteArray();
        }

        /** The shortest big-endian two's complement of {@code value} (as BigInteger.toByteArray), into {@code out}; its length. */
        static int twosComplement(long value, byte[] out) {
            int length = 8;
            while (length > 1) {
                long top = value >> ((length - 1) * 8 - 1);
                if (top != 0 && top != -1) {
                    break;
                }
                length--;
            }
            for (int i = 0; i < length; i++) {
                out[i] = (byte) (value >> ((length - 1 - i) * 8));
            }
            return length;
        }
    }
}
