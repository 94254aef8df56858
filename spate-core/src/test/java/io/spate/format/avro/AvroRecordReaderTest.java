package io.spate.format.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.format.ErrorHandling;
import io.spate.format.Format;
import io.spate.format.FormatReaders;
import io.spate.format.Reading;
import io.spate.format.RecordReader;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class AvroRecordReaderTest {
    private static final Schema DECIMAL = LogicalTypes.decimal(10, 2).addToSchema(Schema.create(Schema.Type.BYTES));
    private static final Schema TS_MICROS = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    private static final Schema TS_MILLIS = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    private static final Schema LOCAL_TS = LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    private static final Schema DATE = LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
    private static final Schema ADDRESS = SchemaBuilder.record("Address").fields().requiredString("city").requiredInt("zip").endRecord();
    private static final Schema SCHEMA = SchemaBuilder.record("Order").namespace("t").fields()
            .requiredLong("id")
            .optionalString("name")
            .name("amount").type(DECIMAL).noDefault()
            .name("ts").type(TS_MICROS).noDefault()
            .name("ts_ms").type(TS_MILLIS).noDefault()
            .name("local_ts").type(LOCAL_TS).noDefault()
            .name("day").type(DATE).noDefault()
            .requiredBytes("payload")
            .name("tags").type().array().items().stringType().noDefault()
            .name("address").type(ADDRESS).noDefault()
            .name("status").type().enumeration("Status").symbols("NEW", "DONE").noDefault()
            .requiredDouble("ratio")
            .requiredBoolean("flag")
            .endRecord();

    @Test
    void everyCodecReadsTheSameTypedValues() throws IOException {
        for (CodecFactory codec : List.of(CodecFactory.nullCodec(), CodecFactory.deflateCodec(6), CodecFactory.snappyCodec(),
                CodecFactory.zstandardCodec(3), CodecFactory.xzCodec(6), CodecFactory.bzip2Codec())) {
            byte[] file = write(codec, 3);
            List<List<Object>> rows = new ArrayList<>();
            try (RecordReader reader = FormatReaders.open(Format.AVRO, "o.avro", new ByteArrayInputStream(file),
                    Reading.options(Map.of()), ErrorHandling.failFast())) {
                assertThat(reader.columns()).containsExactly("id", "name", "amount", "ts", "ts_ms", "local_ts", "day", "payload",
                        "tags", "address", "status", "ratio", "flag");
                while (reader.next()) {
                    Object[] values = reader.values().clone();
                    values[7] = Arrays.toString((byte[]) values[7]);
                    rows.add(Arrays.asList(values));
                    assertThat(reader.lineNumber()).isZero();
                }
                assertThat(reader.recordNumber()).isEqualTo(3);
            }
            assertThat(rows).as(codec.toString()).hasSize(3);
            assertThat(rows.get(1)).as(codec.toString()).containsExactly(1L, null, new BigDecimal("12.34"),
                    Instant.parse("2024-05-01T10:00:00.123456Z"), Instant.parse("2024-05-01T10:00:00.123Z"),
                    LocalDateTime.parse("2024-05-01T10:00:00.000001"), LocalDate.parse("2024-05-02"), "[1, 2, 3]",
                    "[\"a\", \"b\"]", "{\"city\": \"Oslo\", \"zip\": 151}", "DONE", 0.5, true);
            assertThat(rows.get(0).get(1)).isEqualTo("name-0");
        }
    }

    @Test
    void columnTypesComeFromTheSchema() throws IOException {
        try (AvroRecordReader reader = AvroRecordReader.open("o.avro", new ByteArrayInputStream(write(CodecFactory.nullCodec(), 1)),
                Reading.options(Map.of()), ErrorHandling.failFast())) {
            assertThat(reader.columnTypes()).containsExactly(Column.of("id", DataType.LONG), Column.of("name", DataType.STRING),
                    Column.of("amount", DataType.decimal(10, 2)), Column.of("ts", DataType.UTC_DATETIME),
                    Column.of("ts_ms", DataType.UTC_DATETIME), Column.of("local_ts", DataType.NAIVE_DATETIME),
                    Column.of("day", DataType.NAIVE_DATE), Column.of("payload", DataType.BINARY), Column.of("tags", DataType.JSON),
                    Column.of("address", DataType.JSON), Column.of("status", DataType.STRING), Column.of("ratio", DataType.DOUBLE),
                    Column.of("flag", DataType.BOOLEAN));
        }
    }

    @Test
    void aUnionOfSeveralTypesIsJsonText() throws IOException {
        Schema schema = SchemaBuilder.record("U").fields().name("v").type().unionOf().nullType().and().longType().and()
                .stringType().endUnion().nullDefault().endRecord();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
            writer.create(schema, out);
            for (Object v : new Object[] {5L, "five", null}) {
                GenericRecord r = new GenericData.Record(schema);
                r.put("v", v);
                writer.append(r);
            }
        }
        try (AvroRecordReader reader = AvroRecordReader.open("u.avro", new ByteArrayInputStream(out.toByteArray()),
                Reading.options(Map.of()), ErrorHandling.failFast())) {
            assertThat(reader.columnTypes()).containsExactly(Column.of("v", DataType.JSON));
            List<Object> values = new ArrayList<>();
            while (reader.next()) {
                values.add(reader.values()[0]);
            }
            assertThat(values).containsExactly("5", "\"five\"", null);
        }
    }

    @Test
    void selectProjectsColumns() throws IOException {
        Reading r = Reading.read(Format.AVRO, write(CodecFactory.snappyCodec(), 2), Map.of("select", List.of("status", "id")));
        assertThat(r.columns).containsExactly("status", "id");
        assertThat(r.rows).containsExactly(Reading.row("NEW", 0L), Reading.row("DONE", 1L));
    }

    @Test
    void aTruncatedFileIsReported() throws IOException {
        byte[] whole = write(CodecFactory.deflateCodec(6), 2000);
        byte[] truncated = Arrays.copyOf(whole, whole.length - 100);
        assertThatThrownBy(() -> Reading.readNamed(Format.AVRO, "o.avro", truncated, Map.of()))
                .isInstanceOf(SpateException.class)
                .hasMessageStartingWith("o.avro record ")
                .hasMessageContaining(": the Avro data is truncated or corrupt");
        assertThatThrownBy(() -> Reading.read(Format.AVRO, "not avro".getBytes(), Map.of()))
                .hasMessageStartingWith("f.avro: not a readable Avro file (");
    }

    static byte[] write(CodecFactory codec, int records) throws IOException {
        Conversions.DecimalConversion decimals = new Conversions.DecimalConversion();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(SCHEMA))) {
            writer.setCodec(codec);
            writer.create(SCHEMA, out);
            for (int i = 0; i < records; i++) {
                GenericRecord address = new GenericData.Record(ADDRESS);
                address.put("city", "Oslo");
                address.put("zip", 151);
                GenericRecord r = new GenericData.Record(SCHEMA);
                r.put("id", (long) i);
                r.put("name", i % 2 == 0 ? "name-" + i : null);
                r.put("amount", decimals.toBytes(new BigDecimal("12.34").add(BigDecimal.valueOf(i - 1)), DECIMAL, DECIMAL.getLogicalType()));
                r.put("ts", 1_714_557_600_123_456L + (i - 1) * 1_000_000L);
                r.put("ts_ms", 1_714_557_600_123L + (i - 1) * 1000L);
                r.put("local_ts", 1_714_557_600_000_001L + (i - 1) * 1_000_000L);
                r.put("day", (int) LocalDate.parse("2024-05-02").toEpochDay() + i - 1);
                r.put("payload", ByteBuffer.wrap(new byte[] {1, 2, 3}));
                r.put("tags", List.of("a", "b"));
                r.put("address", address);
                r.put("status", new GenericData.EnumSymbol(SCHEMA.getField("status").schema(), i % 2 == 0 ? "NEW" : "DONE"));
                r.put("ratio", 0.5);
                r.put("flag", true);
                writer.append(r);
            }
        }
        return out.toByteArray();
    }
}
