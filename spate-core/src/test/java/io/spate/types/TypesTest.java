package io.spate.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.batch.ColumnVector;
import io.spate.sdk.DataType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypesTest {

    static Object roundTrip(DataType type, Object value) {
        ColumnVector vector = new ColumnVector(type, 1);
        Coercion.append(vector, value);
        return vector.getValue(0);
    }

    @Test
    void textParsesIntoEveryType() {
        assertThat(roundTrip(DataType.BOOLEAN, "true")).isEqualTo(true);
        assertThat(roundTrip(DataType.INT, " -42 ")).isEqualTo(-42);
        assertThat(roundTrip(DataType.LONG, "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(roundTrip(DataType.decimal(12, 2), "-12.5")).isEqualTo(new BigDecimal("-12.50"));
        assertThat(roundTrip(DataType.decimal(38, 10), "12345678901234567890.0123456789"))
                .isEqualTo(new BigDecimal("12345678901234567890.0123456789"));
        assertThat(roundTrip(DataType.DOUBLE, "1e-3")).isEqualTo(0.001);
        assertThat(roundTrip(DataType.NAIVE_DATE, "1969-12-31")).isEqualTo(LocalDate.of(1969, 12, 31));
        assertThat(roundTrip(DataType.NAIVE_DATETIME, "1969-12-31 23:59:59.5"))
                .isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 500_000_000));
        assertThat(roundTrip(DataType.NAIVE_DATETIME, "2024-02-29T10:11:12.123456"))
                .isEqualTo(LocalDateTime.of(2024, 2, 29, 10, 11, 12, 123_456_000));
        assertThat(roundTrip(DataType.UTC_DATETIME, "2024-01-01T10:00:00+02:00")).isEqualTo(Instant.parse("2024-01-01T08:00:00Z"));
        assertThat(roundTrip(DataType.UTC_DATETIME, "2024-01-01 10:00:00+0530")).isEqualTo(Instant.parse("2024-01-01T04:30:00Z"));
        assertThat(roundTrip(DataType.UTC_DATETIME, OffsetDateTime.parse("2024-01-01T10:00:00-01:00")))
                .isEqualTo(Instant.parse("2024-01-01T11:00:00Z"));
        assertThat(roundTrip(DataType.BINARY, "AQID")).isEqualTo(new byte[] {1, 2, 3});
        assertThat(roundTrip(DataType.JSON, Map.of("a", List.of(1, 2)))).isEqualTo("{\"a\":[1,2]}");
        assertThat(roundTrip(DataType.STRING, new BigDecimal("1E+3"))).isEqualTo("1000");
    }

    @Test
    void timestampTextWithAnOffsetParsesTheSameOnTheFastAndTheSlowPath() {
        for (String text : new String[] {"2024-01-31T10:00:00Z", "2024-01-31 10:00:00.123456+02:00",
                "2024-01-31T10:00:00-0530", "2024-01-31T10:00:00.5+01", "1969-12-31T23:59:59.999999Z",
                "2024-01-31 10:00:00 +00:00", "2024-01-31T10:00:00"}) {
            Instant slow = TextValues.parseInstant(text);
            assertThat(TextValues.parseInstantMicros(text)).as(text)
                    .isEqualTo(slow.getEpochSecond() * 1_000_000L + slow.getNano() / 1000);
        }
        assertThat(roundTrip(DataType.UTC_DATETIME, "2024-01-31T10:00:00.25+01:00")).isEqualTo(Instant.parse("2024-01-31T09:00:00.250Z"));
        assertThatThrownBy(() -> TextValues.parseInstantMicros("2024-13-31T10:00:00Z")).isInstanceOf(CoercionException.class);
    }

    @Test
    void valuesThatDoNotFitSayWhy() {
        assertThatThrownBy(() -> roundTrip(DataType.decimal(5, 2), "12.345")).hasMessage("has more than 2 digits after the point");
        assertThatThrownBy(() -> roundTrip(DataType.decimal(5, 2), "1234.5")).hasMessage("has more than 5 digits");
        assertThatThrownBy(() -> roundTrip(DataType.SHORT, 40_000)).hasMessage("is out of range for SHORT");
        assertThatThrownBy(() -> roundTrip(DataType.INT, "12a")).hasMessage("is not an integer");
        assertThatThrownBy(() -> roundTrip(DataType.NAIVE_DATE, "2024-02-30")).hasMessage("is not a valid date");
        assertThatThrownBy(() -> roundTrip(DataType.JSON, "{oops")).hasMessageStartingWith("is not valid JSON");
        assertThatThrownBy(() -> roundTrip(DataType.BOOLEAN, "maybe")).hasMessage("is not a boolean (true/false)");
    }

    @Test
    void inferenceOfTextPicksTheNarrowestType() {
        assertThat(TextValues.inferType("42")).isEqualTo(DataType.LONG);
        assertThat(TextValues.inferType("12345678901")).isEqualTo(DataType.LONG);
        assertThat(TextValues.inferType("-3.25")).isEqualTo(DataType.decimal(3, 2));
        assertThat(TextValues.inferType("1.5e3")).isEqualTo(DataType.DOUBLE);
        assertThat(TextValues.inferType("007")).isEqualTo(DataType.STRING);
        assertThat(TextValues.inferType("2024-01-31")).isEqualTo(DataType.NAIVE_DATE);
        assertThat(TextValues.inferType("2024-01-31 10:00:00")).isEqualTo(DataType.NAIVE_DATETIME);
        assertThat(TextValues.inferType("2024-01-31T10:00:00Z")).isEqualTo(DataType.UTC_DATETIME);
        assertThat(TextValues.inferType("False")).isEqualTo(DataType.BOOLEAN);
        assertThat(TextValues.inferType("")).isNull();
        assertThat(TextValues.inferType("hello")).isEqualTo(DataType.STRING);
    }

    @Test
    void wideningFollowsTheLattice() {
        assertThat(TypeWidening.widen(DataType.INT, DataType.LONG)).isEqualTo(DataType.LONG);
        assertThat(TypeWidening.widen(DataType.LONG, DataType.decimal(5, 2))).isEqualTo(DataType.decimal(21, 2));
        assertThat(TypeWidening.widen(DataType.decimal(5, 2), DataType.decimal(10, 0))).isEqualTo(DataType.decimal(12, 2));
        assertThat(TypeWidening.widen(DataType.LONG, DataType.DOUBLE)).isEqualTo(DataType.DOUBLE);
        assertThat(TypeWidening.widen(DataType.decimal(38, 0), DataType.decimal(38, 37))).isEqualTo(DataType.STRING);
        assertThat(TypeWidening.widen(DataType.NAIVE_DATE, DataType.NAIVE_DATETIME)).isEqualTo(DataType.NAIVE_DATETIME);
        assertThat(TypeWidening.widen(DataType.BOOLEAN, DataType.INT)).isEqualTo(DataType.STRING);
        assertThat(TypeWidening.widen(DataType.FLOAT, DataType.FLOAT)).isEqualTo(DataType.FLOAT);
        assertThat(TypeWidening.fitsIn(DataType.INT, DataType.STRING)).isTrue();
        assertThat(TypeWidening.fitsIn(DataType.STRING, DataType.INT)).isFalse();
    }

    @Test
    void aWidenedVectorKeepsEveryValue() {
        ColumnVector longs = new ColumnVector(DataType.LONG, 4);
        Coercion.append(longs, 1L);
        Coercion.append(longs, null);
        Coercion.append(longs, -7L);

        ColumnVector decimals = Coercion.widen(longs, DataType.decimal(20, 1));

        assertThat(decimals.getValue(0)).isEqualTo(new BigDecimal("1.0"));
        assertThat(decimals.isNull(1)).isTrue();
        assertThat(decimals.getValue(2)).isEqualTo(new BigDecimal("-7.0"));
    }
}
