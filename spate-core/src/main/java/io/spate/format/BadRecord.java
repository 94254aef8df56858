package io.spate.format;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.DataType;
import java.util.Optional;

/**
 * A record that could not be read (or, from a caller, typed), with everything needed to report,
 * skip or quarantine it.
 *
 * @param file where the record comes from, as shown to users ({@code s3://b/k.csv.gz})
 * @param line the physical line where the record starts (1-based), 0 for formats without lines (Avro)
 * @param recordNumber the record's 1-based number among the data records of the input (bad ones count)
 * @param column the column the problem is in, when there is one
 * @param reason what is wrong, completing "FILE line N column "C": ..."
 * @param rawText the record's text as read (or as close as can be rebuilt), for {@code _spate_rejects}
 */
public record BadRecord(String file, long line, long recordNumber, Optional<String> column, String reason, String rawText) {
    public BadRecord {
        requireNonNull(file, "file is null");
        requireNonNull(column, "column is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(rawText, "rawText is null");
    }

    /** A bad record whose problem is in one column. */
    public static BadRecord inColumn(String file, long line, long recordNumber, String column, String reason, String rawText) {
        return new BadRecord(file, line, recordNumber, Optional.of(column), reason, rawText);
    }

    /**
     * A value that does not fit its column's type, worded the one way every caller uses:
     * {@code "12,x" is not a DECIMAL(10,2)}, or with the parser's detail when it says more:
     * {@code "123.456" has more than 2 digits after the point (DECIMAL(10,2))}.
     *
     * @param detail the reason of the failed conversion (e.g. a CoercionException's message), may be empty
     */
    public static BadRecord typeMismatch(String file, long line, long recordNumber, String column, Object value,
            DataType type, String detail, String rawText) {
        String shown = "\"" + value + "\"";
        String reason = detail == null || detail.isEmpty() || detail.startsWith("is not")
                ? shown + " is not a" + (startsWithVowel(type.toString()) ? "n " : " ") + type
                : shown + " " + detail + " (" + type + ")";
        return inColumn(file, line, recordNumber, column, reason, rawText);
    }

    private static boolean startsWithVowel(String text) {
        return !text.isEmpty() && "AEIOU".indexOf(text.charAt(0)) >= 0;
    }

    /** The user-facing message: {@code s3://b/k.csv.gz line 1043 column "amount": "12,x" is not a DECIMAL(10,2)}. */
    public String message() {
        StringBuilder out = new StringBuilder(file);
        if (line > 0) {
            out.append(" line ").append(line);
        } else if (recordNumber > 0) {
            out.append(" record ").append(recordNumber);
        }
        column.ifPresent(c -> out.append(" column \"").append(c).append('"'));
        return out.append(": ").append(reason).toString();
    }
}
