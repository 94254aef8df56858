package io.spate.format.csv;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import io.spate.format.BadRecord;
import io.spate.format.ErrorHandling;
import io.spate.format.Format;
import io.spate.format.FormatOptions;
import io.spate.format.MisalignedSplitException;
import io.spate.format.AbstractRecordReader;
import io.spate.format.compress.CorruptInputException;
import io.spate.format.text.DecodedText;
import io.spate.sdk.SpateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CSV and TSV records through FastCSV: RFC 4180 quoting (doubled quotes; or an escape character),
 * CRLF/LF/CR line ends, quoted delimiters, quotes and line breaks; blank lines are skipped. Values are
 * text ({@code String}) or null for the configured null texts (unquoted fields only: a quoted
 * {@code ""} is an empty string).
 */
public final class CsvRecordReader extends AbstractRecordReader {
    private final String file;
    private final FormatOptions options;
    private final ErrorHandling errors;
    private final boolean moreRangesFollow;
    private final DecodedText text;
    private final FieldCollector collector;
    private final CsvReader<FieldCollector> csv;
    private final CloseableIterator<FieldCollector> records;
    private final char delimiter;
    private final List<String> fileColumns;
    private final List<String> columns;
    private List<String> pendingFirstRecord;
    private long pendingFirstLine;
    private boolean ended;

    private CsvRecordReader(String file, InputStream input, Format format, FormatOptions options, ErrorHandling errors,
            boolean moreRangesFollow) {
        this.file = file;
        this.moreRangesFollow = moreRangesFollow;
        this.options = options;
        this.errors = errors;
        this.delimiter = options.delimiterFor(format);
        this.text = DecodedText.open(input, options.encoding());
        Reader source = options.escape().isPresent() && options.quote() != FormatOptions.NO_QUOTE
                ? new EscapeTranslator(text, options.quote(), options.escape().get(), delimiter) : text;
        this.collector = new FieldCollector(text, options.nullValues());
        this.csv = CsvReader.builder()
                .fieldSeparator(delimiter)
                .quoteCharacter(options.quote())
                .skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE) // counted and reported by check()
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .allowUnclosedQuote(false)
                .detectBomHeader(false)
                .build(collector, source);
        if (options.skipRows() > 0) {
            skipLines(options.skipRows());
        }
        this.records = csv.iterator();
        this.fileColumns = readColumnNames();
        this.columns = options.select().isEmpty() ? fileColumns : options.select();
        this.values = new Object[columns.size()];
        collector.project(slots(), values);
        for (int i = 0; i < options.skipRowsAfterHeader() && !ended; i++) {
            if (!advance()) {
                break;
            }
        }
    }

    /** Opens a CSV ({@code format} CSV) or TSV reader over a decompressed stream; {@code file} names it in messages. */
    public static CsvRecordReader open(String file, InputStream input, Format format, FormatOptions options, ErrorHandling errors) {
        return openRange(file, input, format, options, errors, false);
    }

    /**
     * Opens a reader of one byte range of a file (see {@link io.spate.format.Splitting}); when more ranges
     * follow, a quoted field still open at the end of the range means the split point was misjudged.
     */
    public static CsvRecordReader openRange(String file, InputStream input, Format format, FormatOptions options,
            ErrorHandling errors, boolean moreRangesFollow) {
        try {
            return new CsvRecordReader(file, input, format, options, errors, moreRangesFollow);
        } catch (RuntimeException e) {
            closeQuietly(input, e);
            throw e;
        }
    }

    private void skipLines(int count) {
        try {
            csv.skipLines(count);
        } catch (CsvParseException e) {
            rethrowInputFailure(e);
            throw SpateException.data(file + ": skip_rows is " + count + " but the file has fewer lines");
        } catch (CorruptInputException e) {
            throw e.atLine(1);
        }
    }

    private List<String> readColumnNames() {
        boolean needFirstRecord = options.header() || options.columnNames().isEmpty();
        List<String> firstRecord = List.of();
        if (needFirstRecord) {
            collector.collectAll();
            if (advance()) {
                firstRecord = List.copyOf(nullsAsEmpty(collector.collected()));
                if (collector.invalidField() >= 0) {
                    String where = options.header() ? "header" : "first record";
                    throw SpateException.data(file + " line " + collector.startingLine() + ": the " + where + " has "
                            + text.takeInvalid().map(DecodedText.InvalidBytes::describe).orElse("invalid bytes")
                            + "; set encoding: to the file's encoding");
                }
            }
        }
        if (!options.header() && needFirstRecord && !firstRecord.isEmpty()) {
            pendingFirstRecord = new ArrayList<>(collector.collected());
            pendingFirstLine = collector.startingLine();
        }
        List<String> names;
        if (!options.columnNames().isEmpty()) {
            names = options.columnNames();
            if (options.header() && !firstRecord.isEmpty() && firstRecord.size() != names.size()) {
                throw SpateException.config(file + ": column_names has " + names.size() + " names but the header has "
                        + firstRecord.size() + " columns (" + String.join(", ", firstRecord) + ")");
            }
        } else if (options.header()) {
            names = firstRecord;
        } else {
            names = new ArrayList<>();
            for (int i = 1; i <= firstRecord.size(); i++) {
                names.add("column_" + i);
            }
        }
        return uniqueNames(names);
    }

    private static List<String> nullsAsEmpty(List<String> fields) {
        return fields.stream().map(f -> f == null ? "" : f).toList();
    }

    /** Blank names become {@code column_N}; repeated names get {@code _2}, {@code _3}... */
    static List<String> uniqueNames(List<String> names) {
        List<String> result = new ArrayList<>(names.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String base = names.get(i).isBlank() ? "column_" + (i + 1) : names.get(i).strip();
            String name = base;
            for (int n = 2; !seen.add(name); n++) {
                name = base + "_" + n;
            }
            result.add(name);
        }
        return List.copyOf(result);
    }

    private int[] slots() {
        int[] slots = new int[fileColumns.size()];
        Arrays.fill(slots, -1);
        if (fileColumns.isEmpty()) {
            return slots; // an empty file: no records to project
        }
        for (int i = 0; i < columns.size(); i++) {
            int index = fileColumns.indexOf(columns.get(i));
            if (index < 0) {
                throw SpateException.config(file + ": select: column \"" + columns.get(i) + "\" is not in the file (its columns: "
                        + String.join(", ", fileColumns) + ")");
            }
            slots[index] = i;
        }
        return slots;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        while (true) {
            if (pendingFirstRecord != null) {
                List<String> first = pendingFirstRecord;
                pendingFirstRecord = null;
                recordNumber++;
                lineNumber = pendingFirstLine;
                Arrays.fill(values, null);
                for (int i = 0; i < first.size() && i < fileColumns.size(); i++) {
                    int slot = collectorSlot(i);
                    if (slot >= 0) {
                        values[slot] = first.get(i);
                    }
                }
                return true;
            }
            if (ended || !advance()) {
                return false;
            }
            recordNumber++;
            lineNumber = collector.startingLine();
            Optional<BadRecord> bad = check();
            if (bad.isEmpty()) {
                return true;
            }
            errors.handle(bad.get());
        }
    }

    private int collectorSlot(int fieldIndex) {
        int index = columns.indexOf(fileColumns.get(fieldIndex));
        return index;
    }

    /** Reads the next record into the collector; false at the end. */
    private boolean advance() {
        try {
            if (records.hasNext()) {
                records.next();
                return true;
            }
            ended = true;
            text.failOnUnplacedInvalid(file, "outside the data records (in skipped lines or a comment)");
            return false;
        } catch (CsvParseException e) {
            rethrowInputFailure(e);
            return parseFailure(e);
        } catch (CorruptInputException e) {
            throw placed(e);
        }
    }

    /** The failure placed at the record (and field) FastCSV was reading when the input broke. */
    private CorruptInputException placed(CorruptInputException e) {
        long line = Math.max(collector.startingLine(), 1);
        int field = collector.fieldCount();
        return fileColumns != null && field < fileColumns.size() ? e.at(line, fileColumns.get(field)) : e.atLine(line);
    }

    /** FastCSV wraps what the input throws; a damaged or failing input is not a CSV syntax error. */
    private void rethrowInputFailure(CsvParseException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof CorruptInputException corrupt) {
                throw placed(corrupt);
            }
            if (cause instanceof UncheckedIOException io) {
                throw io;
            }
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
        }
    }

    private boolean parseFailure(CsvParseException e) {
        String detail = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        long line = collector.startingLine();
        if (fileColumns == null) {
            throw SpateException.data(file + " line " + line + ": cannot read the " + (options.header() ? "header" : "first record")
                    + ": " + detail);
        }
        recordNumber++;
        String column = fieldName(collector.fieldCount());
        if (detail != null && detail.startsWith("Unclosed quoted field")) {
            ended = true;
            if (moreRangesFollow) {
                throw new MisalignedSplitException(file + " line " + line + ": the byte range ends inside a quoted field, "
                        + "so the split point after it was misjudged; read the file with one reader");
            }
            errors.handle(BadRecord.inColumn(file, line, recordNumber, column,
                    "unterminated quoted field: the quote is not closed before the end of the file", rawText()));
            return false;
        }
        if (detail != null && detail.startsWith("Unexpected character after closing quote")) {
            String character = detail.substring(detail.indexOf('\''), detail.lastIndexOf('\'') + 1);
            throw SpateException.data(file + " line " + line + " column \"" + column + "\": unexpected character "
                    + character + " after the closing quote of a quoted field (a quote inside a quoted field must be "
                    + "doubled" + (options.escape().isEmpty() ? ", or set escape:" : "") + ")");
        }
        throw SpateException.data(file + " line " + line + " column \"" + column + "\": " + detail
                + " (a quoted field that is never closed reads to the end of the file)");
    }

    private Optional<BadRecord> check() {
        int invalidField = collector.invalidField();
        if (invalidField >= 0) {
            String reason = text.takeInvalid().map(DecodedText.InvalidBytes::describe).orElse("invalid bytes");
            return Optional.of(BadRecord.inColumn(file, lineNumber, recordNumber, fieldName(invalidField),
                    reason + " (encoding: " + text.charset().name() + ")", rawText()));
        }
        int count = collector.fieldCount();
        if (count == fileColumns.size()) {
            return Optional.empty();
        }
        if (count < fileColumns.size()) {
            return Optional.of(BadRecord.inColumn(file, lineNumber, recordNumber, fileColumns.get(count),
                    "has " + count + " field" + (count == 1 ? "" : "s") + ", expected " + fileColumns.size(), rawText()));
        }
        return Optional.of(new BadRecord(file, lineNumber, recordNumber, Optional.empty(),
                "has " + count + " fields, expected " + fileColumns.size(), rawText()));
    }

    private String fieldName(int index) {
        return index < fileColumns.size() ? fileColumns.get(index) : "#" + (index + 1);
    }

    /** The record rebuilt as CSV text from what was kept (with {@code select}, the selected fields only). */
    private String rawText() {
        StringBuilder out = new StringBuilder();
        int count = Math.min(collector.fieldCount(), fileColumns.size());
        for (int i = 0; i < count; i++) {
            int slot = columns == fileColumns ? i : columns.indexOf(fileColumns.get(i));
            if (slot >= 0) {
                appendField(out, (String) values[slot]);
            }
        }
        if (collector.extras() != null) {
            collector.extras().forEach(extra -> appendField(out, extra));
        }
        return out.toString().replace(DecodedText.INVALID, '\uFFFD');
    }

    private void appendField(StringBuilder out, String field) {
        if (out.length() > 0) {
            out.append(delimiter);
        }
        if (field == null) {
            return;
        }
        char quote = options.quote() == FormatOptions.NO_QUOTE ? '"' : options.quote();
        boolean quoted = field.indexOf(delimiter) >= 0 || field.indexOf(quote) >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0;
        if (!quoted) {
            out.append(field);
            return;
        }
        out.append(quote);
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == quote) {
                out.append(quote);
            }
            out.append(c);
        }
        out.append(quote);
    }

    @Override
    public long bytesRead() {
        return text.bytesConsumed();
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(InputStream input, RuntimeException failure) {
        try {
            input.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
