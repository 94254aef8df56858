package io.spate.filter;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** A typed constant in a filter. */
public sealed interface Literal {

    /** The literal as it would be written in a filter. */
    String render();

    /** An integer that fits a long: {@code 2024}, {@code -5}. Larger integers are {@link DecimalLiteral}s. */
    record IntegerLiteral(long value) implements Literal {
        @Override
        public String render() {
            return Long.toString(value);
        }
    }

    /** A number with a point or an exponent, or an integer beyond a long: {@code 12.50}, {@code 1e3}. */
    record DecimalLiteral(BigDecimal value) implements Literal {
        public DecimalLiteral {
            requireNonNull(value, "value is null");
        }

        @Override
        public String render() {
            String plain = value.toPlainString();
            return plain.indexOf('.') < 0 && value.scale() > 0 ? plain + ".0" : plain;
        }
    }

    /** Text in single quotes; {@code ''} inside is one quote. */
    record StringLiteral(String value) implements Literal {
        public StringLiteral {
            requireNonNull(value, "value is null");
        }

        @Override
        public String render() {
            return quote(value);
        }
    }

    /** {@code true} or {@code false}. */
    record BooleanLiteral(boolean value) implements Literal {
        @Override
        public String render() {
            return Boolean.toString(value);
        }
    }

    /** {@code date '2024-01-31'}. */
    record DateLiteral(LocalDate value) implements Literal {
        public DateLiteral {
            requireNonNull(value, "value is null");
        }

        @Override
        public String render() {
            return "date " + quote(value.toString());
        }
    }

    /** {@code timestamp '2024-01-31 10:00:00'}: a date-time without an offset. */
    record TimestampLiteral(LocalDateTime value) implements Literal {
        public TimestampLiteral {
            requireNonNull(value, "value is null");
        }

        @Override
        public String render() {
            return "timestamp " + quote(value.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).replace('T', ' '));
        }
    }

    /** {@code timestamp '2024-01-31 10:00:00+02:00'}: a timestamp with an offset, held as the UTC instant. */
    record InstantLiteral(Instant value) implements Literal {
        public InstantLiteral {
            requireNonNull(value, "value is null");
        }

        @Override
        public String render() {
            return "timestamp " + quote(value.toString());
        }
    }

    /** {@code null}: any comparison with it is unknown. */
    record NullLiteral() implements Literal {
        @Override
        public String render() {
            return "null";
        }
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
