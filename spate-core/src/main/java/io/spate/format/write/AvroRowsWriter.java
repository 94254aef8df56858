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
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An Avro object container file. Rows are encoded straight from the column vectors into one reused byte
 * array (no record objects, no boxing, no encoder call per value) and handed to Avro's
 * {@link DataFileWriter#appendEncoded} as pre-encoded datums; Avro does the blocks, the codec and the sync
 * markers. The encoding is Avro's binary encoding of the record schema {@link AvroSchemas#record} makes.
 */
final class AvroRowsWriter extends StreamingRowsWriter {
    private final RowEncoder encoder;
    private final DataFileWriter<Object> file;

    AvroRowsWriter(String recordName, List<Column> columns, Set<String> nonNullable, CodecFactory codec, int syncInterval,
            Map<String, String> metadata, OutputStream target) throws IOException {
        super(columns, target);
        Schema schema = AvroSchemas.record(recordName, columns, nonNullable);
        boolean[] nullable = new boolean[columns.size()];
        for (int c = 0; c < nullable.length; c++) {
            nullable[c] = !nonNullable.contains(columns.get(c).name());
        }
        this.encoder = new RowEncoder(columns.stream().map(Column::type).toArray(DataType[]::new), nullable);
        // the datum writer only receives the schema: rows arrive encoded
        this.file = new DataFileWriter<>(new GenericDatumWriter<>());
        file.setCodec(codec);
        file.setSyncInterval(syncInterval);
        metadata.forEach(file::setMeta);
        file.create(schema, counted);
    }

    @Override
    void writeRows(ColumnVector[] v, int[] selection, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            file.appendEncoded(encoder.encode(v, selection[i]));
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    /**
     * Avro's binary encoding of one row into a reused, growing byte array: zig-zag varints for int and long,
     * little-endian IEEE floats, length-prefixed bytes and UTF-8 strings, the branch index of a nullable union.
     * The returned buffer is valid until the next call.
     */
    static final class RowEncoder {
        private final DataType[] types;
        private final boolean[] nullable;
        private final byte[] decimalBytes = new byte[8];
        private byte[] buf = new byte[256];
        private ByteBuffer view = ByteBuffer.wrap(buf);
        private int pos;

        RowEncoder(DataType[] types, boolean[] nullable) {
            this.types = types;
            this.nullable = nullable;
        }

        ByteBuffer encode(ColumnVector[] vectors, int row) {
            pos = 0;
            for (int c = 0; c < types.length; c++) {
                ColumnVector vector = vectors[c];
                if (nullable[c]) {
                    ensure(1);
                    if (vector.isNull(row)) {
                        buf[pos++] = 0; // branch 0: null, no value bytes
                        continue;
                    }
                    buf[pos++] = 2; // branch 1, zig-zag encoded
                }
                switch (types[c].kind()) {
                    case BOOLEAN -> {
                        ensure(1);
                        buf[pos++] = (byte) (vector.getLong(row) != 0 ? 1 : 0);
                    }
                    case SHORT, INT, NAIVE_DATE, LONG, NAIVE_DATETIME, UTC_DATETIME -> writeLong(vector.getLong(row));
                    case FLOAT -> writeFixedInt(Float.floatToRawIntBits((float) vector.getDouble(row)));
                    case DOUBLE -> {
                        long bits = Double.doubleToRawLongBits(vector.getDouble(row));
                        writeFixedInt((int) bits);
                        writeFixedInt((int) (bits >>> 32));
                    }
                    case DECIMAL -> {
                        if (vector.storage() == ColumnVector.Storage.LONG) {
                            int length = twosComplement(vector.getLong(row), decimalBytes);
                            writeBytes(decimalBytes, length);
                        } else {
                            byte[] unscaled = unscaledBytes(vector, row);
                            writeBytes(unscaled, unscaled.length);
                        }
                    }
                    case BINARY -> {
                        byte[] bytes = (byte[]) vector.getObject(row);
                        writeBytes(bytes, bytes.length);
                    }
                    case STRING, JSON -> writeString((String) vector.getObject(row));
                }
            }
            view.clear().limit(pos);
            return view;
        }

        private void writeString(String text) {
            int length = text.length();
            // ASCII, the common case, is copied in place behind its length, whose size is then known
            int lengthBytes = varintSize((long) length << 1);
            ensure(lengthBytes + length);
            int start = pos + lengthBytes;
            for (int i = 0; i < length; i++) {
                char ch = text.charAt(i);
                if (ch >= 0x80) {
                    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                    writeBytes(utf8, utf8.length);
                    return;
                }
                buf[start + i] = (byte) ch;
            }
            writeLong(length);
            pos += length;
        }

        private static int varintSize(long zigZag) {
            int size = 1;
            while ((zigZag & ~0x7FL) != 0) {
                zigZag >>>= 7;
                size++;
            }
            return size;
        }

        private void writeBytes(byte[] bytes, int length) {
            writeLong(length);
            ensure(length);
            System.arraycopy(bytes, 0, buf, pos, length);
            pos += length;
        }

        private void writeLong(long value) {
            ensure(10);
            long n = (value << 1) ^ (value >> 63);
            while ((n & ~0x7FL) != 0) {
                buf[pos++] = (byte) ((n & 0x7F) | 0x80);
                n >>>= 7;
            }
            buf[pos++] = (byte) n;
        }

        private void writeFixedInt(int bits) {
            ensure(4);
            buf[pos++] = (byte) bits;
            buf[pos++] = (byte) (bits >>> 8);
            buf[pos++] = (byte) (bits >>> 16);
            buf[pos++] = (byte) (bits >>> 24);
        }

        private void ensure(int more) {
            if (pos + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
                view = ByteBuffer.wrap(buf);
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
