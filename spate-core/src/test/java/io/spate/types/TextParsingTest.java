package io.spate.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.batch.ColumnVector;
import io.spate.format.ErrorHandling;
import io.spate.format.Format;
import io.spate.format.FormatOptions;
import io.spate.format.RecordReader;
import io.spate.format.csv.CsvRecordReader;
import io.spate.sdk.DataType;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free text parsers of {@link TextValues} decide exactly as the general ones (the JDK's
 * parsers, and the rules as they were): each fast path is checked against them value by value.
 */
class TextParsingTest {

    private static Object appendedText(DataType type, String text) {
        ColumnVector vector = new ColumnVector(type, 1);
        Coercion.appendText(vector, text);
        return vector.getValue(0);
    }

    @Test
    void integersTakeSignsBlanksAndLeadingZeros() {
        assertThat(TextValues.parseLong("0")).isZero();
        assertThat(TextValues.parseLong("-0")).isZero();
        assertThat(TextValues.parseLong("+17")).isEqualTo(17);
        assertThat(TextValues.parseLong("-17")).isEqualTo(-17);
        assertThat(TextValues.parseLong("  0042 ")).isEqualTo(42);
        assertThat(TextValues.parseLong("000000000000000000000000001")).isEqualTo(1);
        assertThat(TextValues.parseLong("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
        assertThat(TextValues.parseLong("-999999999999999999")).isEqualTo(-999_999_999_999_999_999L);
        assertThat(TextValues.parseLong("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(TextValues.parseLong("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void integersOutOfRangeOrMalformedSayWhy() {
        assertThatThrownBy(() -> TextValues.parseLong("9223372036854775808")).hasMessage("is out of range for a LONG");
        assertThatThrownBy(() -> TextValues.parseLong("-9223372036854775809")).hasMessage("is out of range for a LONG");
        assertThatThrownBy(() -> TextValues.parseLong("99999999999999999999x")).hasMessage("is out of range for a LONG");
        assertThatThrownBy(() -> TextValues.parseLong("12x")).hasMessage("is not an integer");
        assertThatThrownBy(() -> TextValues.parseLong("1.0")).hasMessage("is not an integer");
        assertThatThrownBy(() -> TextValues.parseLong("1e3")).hasMessage("is not an integer");
        assertThatThrownBy(() -> TextValues.parseLong("-")).hasMessage("is not an integer");
        assertThatThrownBy(() -> TextValues.parseLong("+-1")).hasMessage("is not an integer");
        assertThatThrownBy(() -> TextValues.parseLong("   ")).hasMessage("is empty");
        assertThatThrownBy(() -> TextValues.parseLong("")).hasMessage("is empty");
    }

    @Test
    void integersAgreeWithTheJdkOnEveryLength() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long value = random.nextLong() >> random.nextInt(64);
            String text = Long.toString(value);
            assertThat(TextValues.parseLong(text)).as(text).isEqualTo(value);
        }
    }

    @Test
    void smallIntegerTypesFailOutsideTheirRange() {
        assertThat(appendedText(DataType.SHORT, "-32768")).isEqualTo((short) -32768);
        assertThat(appendedText(DataType.INT, "2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> appendedText(DataType.SHORT, "32768")).hasMessage("is out of range for SHORT");
        assertThatThrownBy(() -> appendedText(DataType.INT, "-2147483649")).hasMessage("is out of range for INT");
    }

    @Test
    void plainDecimalDoublesAreTheJdksDoubles() {
        Random random = new Random(11);
        List<String> texts = new ArrayList<>(List.of("0", "-0", "-0.0", "+0.5", ".5", "5.", "-.25", "0.1", "0.2", "0.3",
                "123456789012345", "0.000000000000001", "999999999999999", "1.7976931348623157", " 3.25 ", "\t-8\n",
                "0.30000000000000004", "1234567890123456", "12345678901234567890.5"));
        for (int i = 0; i < 50_000; i++) {
            int digits = 1 + random.nextInt(17);
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            int point = random.nextInt(digits + 1);
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    text.append('.');
                }
                text.append((char) ('0' + random.nextInt(10)));
            }
            texts.add(text.toString());
        }
        for (String text : texts) {
            double expected = Double.parseDouble(text);
            assertThat(Double.doubleToRawLongBits(TextValues.parseDouble(text))).as(text)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
    }

    @Test
    void doublesInOtherNotationsStillParse() {
        assertThat(TextValues.parseDouble("1e-3")).isEqualTo(0.001);
        assertThat(TextValues.parseDouble("-2.5E+2")).isEqualTo(-250.0);
        assertThat(TextValues.parseDouble("NaN")).isNaN();
        assertThat(TextValues.parseDouble("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(TextValues.parseDouble(" Infinity ")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(TextValues.parseDouble("1.5d")).isEqualTo(1.5);
        assertThatThrownBy(() -> TextValues.parseDouble(".")).hasMessage("is not a number");
        assertThatThrownBy(() -> TextValues.parseDouble("1.2.3")).hasMessage("is not a number");
        assertThatThrownBy(() -> TextValues.parseDouble("-")).hasMessage("is not a number");
        assertThatThrownBy(() -> TextValues.parseDouble("")).hasMessage("is not a number");
    }

    @Test
    void booleansTakeEverySpellingInAnyCase() {
        for (String yes : new String[] {"true", "TRUE", "tRuE", "t", "T", "yes", "YES", "y", "Y", "1", " true ", "\ttrue\n"}) {
            assertThat(TextValues.parseBoolean(yes)).as(yes).isTrue();
        }
        for (String no : new String[] {"false", "FALSE", "fAlSe", "f", "F", "no", "No", "n", "N", "0", " 0 "}) {
            assertThat(TextValues.parseBoolean(no)).as(no).isFalse();
        }
        for (String neither : new String[] {"", "2", "tru", "truee", "yess", "maybe", "on", "-1", "\u0000"}) {
            assertThatThrownBy(() -> TextValues.parseBoolean(neither)).as(neither).hasMessage("is not a boolean (true/false)");
        }
    }

    @Test
    void epochDaysAreLocalDatesEpochDaysForEveryDateOfFourDigitYears() {
        for (int year = 0; year <= 9999; year++) {
            LocalDate date = LocalDate.of(year, 1, 1);
            for (int day = 0; day < date.lengthOfYear(); day++) {
                LocalDate d = date.plusDays(day);
                assertThat(TextValues.epochDayOrMin(d.getYear(), d.getMonthValue(), d.getDayOfMonth())).isEqualTo(d.toEpochDay());
            }
        }
    }

    @Test
    void datesThatDoNotExistHaveNoEpochDay() {
        assertThat(TextValues.epochDayOrMin(2023, 2, 29)).isEqualTo(Long.MIN_VALUE);
        assertThat(TextValues.epochDayOrMin(1900, 2, 29)).isEqualTo(Long.MIN_VALUE);
        assertThat(TextValues.epochDayOrMin(2000, 2, 29)).isEqualTo(LocalDate.of(2000, 2, 29).toEpochDay());
        assertThat(TextValues.epochDayOrMin(2024, 4, 31)).isEqualTo(Long.MIN_VALUE);
        assertThat(TextValues.epochDayOrMin(2024, 13, 1)).isEqualTo(Long.MIN_VALUE);
        assertThat(TextValues.epochDayOrMin(2024, 0, 1)).isEqualTo(Long.MIN_VALUE);
        assertThat(TextValues.epochDayOrMin(2024, 1, 0)).isEqualTo(Long.MIN_VALUE);
        assertThat(TextValues.epochDayOrMin(2024, 1, 32)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void dateTextParsesAsParseDateDoes() {
        assertThat(appendedText(DataType.NAIVE_DATE, "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(appendedText(DataType.NAIVE_DATE, " 1969-12-31 ")).isEqualTo(LocalDate.of(1969, 12, 31));
        assertThat(TextValues.parseEpochDay("0000-01-01")).isEqualTo(LocalDate.of(0, 1, 1).toEpochDay());
        assertThatThrownBy(() -> TextValues.parseEpochDay("2023-02-29")).hasMessage("is not a valid date");
        assertThatThrownBy(() -> TextValues.parseEpochDay("2024-1-31")).hasMessage("is not a date (yyyy-MM-dd)");
        assertThatThrownBy(() -> TextValues.parseEpochDay("2024-0a-31")).hasMessage("is not a date-time");
    }

    @Test
    void localTimestampsWithAndWithoutFractionsAreTheFormattersTimestamps() {
        for (String text : new String[] {"2024-01-31 10:11:12", "2024-01-31T10:11:12", "2024-01-31 10:11:12.5",
                "2024-01-31 10:11:12.123", "2024-01-31 10:11:12.123456", "2024-01-31 10:11:12.123456789",
                "1969-12-31 23:59:59.999999", "0001-01-01 00:00:00", "9999-12-31 23:59:59.999999", "2024-02-29 00:00:00",
                " 2024-01-31 10:11:12 ", "2024-01-31 10:11", "2024-01-31", "2023-02-29 10:00:00", "2024-01-31 24:00:00"}) {
            LocalDateTime expected = TextValues.parseLocalDateTime(text);
            assertThat(appendedText(DataType.NAIVE_DATETIME, text)).as(text).isEqualTo(expected.withNano(expected.getNano() / 1000 * 1000));
        }
        assertThatThrownBy(() -> appendedText(DataType.NAIVE_DATETIME, "2024-01-31 10:60:00"))
                .hasMessage("is not a date-time (yyyy-MM-dd HH:mm:ss[.ffffff])");
        assertThatThrownBy(() -> appendedText(DataType.NAIVE_DATETIME, "2024-13-01 10:00:00"))
                .hasMessage("is not a date-time (yyyy-MM-dd HH:mm:ss[.ffffff])");
    }

    @Test
    void timestampsWithOffsetsAreTheFormattersInstants() {
        for (String text : new String[] {"2024-01-31T10:00:00Z", "2024-01-31T10:00:00.5Z", "2024-01-31 10:00:00+02:00",
                "2024-01-31 10:00:00.123456-05:30", "2024-01-31T10:00:00+0100", "2024-01-31T10:00:00-01",
                "2024-02-29T23:59:59.999999+14:00", "1970-01-01T00:00:00z"}) {
            java.time.Instant expected = TextValues.parseInstant(text);
            assertThat(TextValues.parseInstantMicros(text)).as(text)
                    .isEqualTo(expected.getEpochSecond() * 1_000_000L + expected.getNano() / 1000);
        }
    }

    @Test
    void decimalsFitTheirScaleOrSayWhy() {
        assertThat(appendedText(DataType.decimal(12, 2), "-0012.5")).isEqualTo(new BigDecimal("-12.50"));
        assertThat(appendedText(DataType.decimal(12, 2), "+7")).isEqualTo(new BigDecimal("7.00"));
        assertThat(appendedText(DataType.decimal(12, 2), "12.34000")).isEqualTo(new BigDecimal("12.34"));
        assertThat(appendedText(DataType.decimal(18, 0), "999999999999999999")).isEqualTo(new BigDecimal("999999999999999999"));
        assertThat(appendedText(DataType.decimal(30, 4), "-1234567890123456789012.5")).isEqualTo(
                new BigDecimal("-1234567890123456789012.5000"));
        assertThatThrownBy(() -> appendedText(DataType.decimal(12, 2), "12.345")).hasMessage("has more than 2 digits after the point");
        assertThatThrownBy(() -> appendedText(DataType.decimal(4, 2), "123.4")).hasMessage("has more than 4 digits");
        assertThat(appendedText(DataType.decimal(12, 2), "1e3")).isEqualTo(new BigDecimal("1000.00"));
        assertThatThrownBy(() -> appendedText(DataType.decimal(12, 2), "1,5")).hasMessage("is not a number");
        assertThatThrownBy(() -> appendedText(DataType.decimal(12, 2), "")).hasMessage("is empty");
    }

    @Test
    void decimalsWithFarOutExponentsAreDecidedWithoutComputingThem() {
        assertThatThrownBy(() -> appendedText(DataType.decimal(12, 2), "1e999999999")).hasMessage("has more than 12 digits");
        assertThatThrownBy(() -> appendedText(DataType.decimal(38, 2), "-5E+999999")).hasMessage("has more than 38 digits");
        assertThatThrownBy(() -> appendedText(DataType.decimal(12, 2), "1e-999999999"))
                .hasMessage("has more than 2 digits after the point");
        assertThat(appendedText(DataType.decimal(12, 2), "0e999999999")).isEqualTo(new BigDecimal("0.00"));
        assertThat(appendedText(DataType.decimal(30, 2), "0E-999999")).isEqualTo(new BigDecimal("0.00"));
        assertThat(appendedText(DataType.decimal(12, 2), "1.5e2")).isEqualTo(new BigDecimal("150.00"));
        assertThat(appendedText(DataType.decimal(12, 2), "1500e-3")).isEqualTo(new BigDecimal("1.50"));
        assertThat(TextValues.fitDecimal(new BigDecimal("1234500E-4"), 5, 2)).isEqualTo(new BigDecimal("123.45"));
        assertThatThrownBy(() -> TextValues.fitDecimal(new BigDecimal("1234501E-4"), 5, 2))
                .hasMessage("has more than 2 digits after the point");
        assertThatThrownBy(() -> TextValues.fitDecimal(new BigDecimal("1E+3"), 5, 2)).hasMessage("has more than 5 digits");
        assertThat(TextValues.fitDecimal(new BigDecimal("1E+2"), 5, 2)).isEqualTo(new BigDecimal("100.00"));
    }

    @Test
    void appendingTextIsAppendingTheStringForEveryType() {
        Object[][] cases = {
            {DataType.BOOLEAN, "yes"}, {DataType.SHORT, "12"}, {DataType.INT, "-12"}, {DataType.LONG, "12"},
            {DataType.decimal(10, 3), "1.5"}, {DataType.decimal(25, 3), "1.5"}, {DataType.FLOAT, "0.1"},
            {DataType.DOUBLE, "0.1"}, {DataType.NAIVE_DATE, "2024-01-31"}, {DataType.NAIVE_DATETIME, "2024-01-31 10:00:00"},
            {DataType.UTC_DATETIME, "2024-01-31T10:00:00+01:00"}, {DataType.BINARY, "AQID"}, {DataType.STRING, " x "},
            {DataType.JSON, "{\"a\":1}"}};
        for (Object[] c : cases) {
            ColumnVector viaAppend = new ColumnVector((DataType) c[0], 1);
            Coercion.append(viaAppend, c[1]);
            assertThat(appendedText((DataType) c[0], (String) c[1])).as(c[0] + " " + c[1]).isEqualTo(viaAppend.getValue(0));
        }
    }

    @Test
    void csvFieldsTypeAsTheirTextEmptyUnquotedIsNullAndQuotedEmptyIsEmptyText() {
        String csv = "id,amount,at,flag\n"
                + "1,\"12.50\",\"2024-01-31 10:00:00\",\" yes \"\n"
                + "2,,,\n"
                + "3,\"\",x,y\n";
        try (RecordReader reader = CsvRecordReader.open("t.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                Format.CSV, FormatOptions.defaults(), ErrorHandling.failFast())) {
            ColumnVector ids = new ColumnVector(DataType.LONG, 4);
            ColumnVector amounts = new ColumnVector(DataType.decimal(10, 2), 4);
            ColumnVector ats = new ColumnVector(DataType.NAIVE_DATETIME, 4);
            ColumnVector flags = new ColumnVector(DataType.BOOLEAN, 4);
            for (int row = 0; row < 2; row++) {
                assertThat(reader.next()).isTrue();
                Object[] values = reader.values();
                Coercion.append(ids, values[0]);
                Coercion.append(amounts, values[1]);
                Coercion.append(ats, values[2]);
                Coercion.append(flags, values[3]);
            }
            assertThat(List.of(ids.getValue(0), amounts.getValue(0), ats.getValue(0), flags.getValue(0)))
                    .containsExactly(1L, new BigDecimal("12.50"), LocalDateTime.of(2024, 1, 31, 10, 0), true);
            assertThat(amounts.isNull(1) && ats.isNull(1) && flags.isNull(1)).isTrue();

            assertThat(reader.next()).isTrue();
            assertThat(reader.values()[1]).isEqualTo("");
            assertThatThrownBy(() -> Coercion.append(amounts, reader.values()[1])).hasMessage("is empty");
        }
    }
}
