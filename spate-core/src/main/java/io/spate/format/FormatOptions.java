package io.spate.format;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The reading options users write in a source block (pipeline YAML or configuration.json), parsed once.
 * {@link #OPTIONS} declares them (key, type, default, doc) for a connector's own declaration and validation.
 *
 * @param format {@code auto} or a format name (see {@link Format#resolve})
 * @param compression {@code auto}, {@code none} or a codec name (see {@link io.spate.format.compress.Compression})
 * @param delimiter the field separator; empty means the format's own ({@code ,} for CSV, tab for TSV)
 * @param quote the quote character; {@link #NO_QUOTE} turns quoting off
 * @param escape a character that escapes the quote (and itself) inside quoted fields; empty: quotes are doubled
 * @param header whether the first record (after {@code skipRows} lines) names the columns
 * @param columnNames names for the columns; with {@code header} they replace the header's names
 * @param skipRows physical lines skipped before the header (or the first record)
 * @param skipRowsAfterHeader records skipped after the header
 * @param nullValues unquoted field texts read as null (default: the empty field)
 * @param encoding the text encoding; a byte-order mark, when present, wins (UTF-8 BOM stripped, UTF-16 LE/BE)
 * @param flatten JSON: nested objects become columns {@code parent.child} (one level) instead of JSON text
 * @param select only these columns are read, in this order (seed name {@code usecols})
 * @param columnTypes declared types that override inference, by column name
 * @param onError what happens to bad records
 * @param sampleBytes inference reads at most about this many (decompressed) bytes of a file
 * @param sampleFiles inference reads at most this many files (the caller picks them, newest first)
 */
public record FormatOptions(
        String format,
        String compression,
        Optional<Character> delimiter,
        char quote,
        Optional<Character> escape,
        boolean header,
        List<String> columnNames,
        int skipRows,
        int skipRowsAfterHeader,
        List<String> nullValues,
        Charset encoding,
        boolean flatten,
        List<String> select,
        Map<String, DataType> columnTypes,
        OnError onError,
        long sampleBytes,
        int sampleFiles) {

    /** The {@link #quote} value meaning "no quoting": every character is data. */
    public static final char NO_QUOTE = '\0';

    public static final ConfigOption<String> FORMAT = ConfigOption.string("format").defaultValue("auto")
            .doc("csv, tsv, json, jsonl, parquet, avro, txt, or auto (from the file extension)");
    public static final ConfigOption<String> COMPRESSION = ConfigOption.string("compression").defaultValue("auto")
            .doc("auto (extension and magic bytes), none, gzip, bzip2, zstd, xz, lz4, snappy, deflate, zip");
    public static final ConfigOption<String> DELIMITER = ConfigOption.string("delimiter")
            .doc("field separator, one character (\\t or tab for a tab); default , for csv and tab for tsv");
    public static final ConfigOption<String> QUOTE = ConfigOption.string("quote").defaultValue("\"")
            .doc("quote character; none (or empty) turns quoting off");
    public static final ConfigOption<String> ESCAPE = ConfigOption.string("escape").defaultValue("none")
            .doc("character escaping a quote inside quoted fields, e.g. \\; none: quotes are doubled (RFC 4180)");
    public static final ConfigOption<Boolean> HEADER = ConfigOption.bool("header").defaultValue(true)
            .doc("the first row names the columns");
    public static final ConfigOption<List<String>> COLUMN_NAMES = ConfigOption.list("column_names").defaultValue(List.of())
            .doc("column names, for files without a header (or to rename the header's)");
    public static final ConfigOption<Integer> SKIP_ROWS = ConfigOption.integer("skip_rows").defaultValue(0)
            .check(n -> n >= 0, "must be 0 or more").doc("lines skipped before the header");
    public static final ConfigOption<Integer> SKIP_ROWS_AFTER_HEADER = ConfigOption.integer("skip_rows_after_header")
            .defaultValue(0).check(n -> n >= 0, "must be 0 or more").doc("records skipped after the header");
    public static final ConfigOption<List<String>> NULL_VALUES = ConfigOption.list("null_values").defaultValue(List.of(""))
            .doc("unquoted field values read as null; default: the empty field");
    public static final ConfigOption<String> ENCODING = ConfigOption.string("encoding").defaultValue("UTF-8")
            .doc("text encoding: UTF-8, ISO-8859-1, windows-1252, UTF-16 (BOM decides LE/BE), ...");
    public static final ConfigOption<Boolean> FLATTEN = ConfigOption.bool("flatten").defaultValue(false)
            .doc("JSON: nested objects become columns parent.child (one level) instead of JSON text");
    public static final ConfigOption<List<String>> SELECT = ConfigOption.list("select").defaultValue(List.of())
            .doc("only these columns are read (alias usecols)");
    public static final ConfigOption<List<String>> USECOLS = ConfigOption.list("usecols").defaultValue(List.of())
            .doc("the seed's name for select");
    public static final ConfigOption<Map<String, Object>> COLUMNS = ConfigOption.map("columns").defaultValue(Map.of())
            .doc("column types that override inference: name -> type, e.g. amount: DECIMAL(12,2)");
    public static final ConfigOption<OnError> ON_ERROR = ConfigOption.enumeration("on_error", OnError.class)
            .defaultValue(OnError.FAIL).doc("bad records: fail, skip, or quarantine into _spate_rejects");
    public static final ConfigOption<Long> SAMPLE_BYTES = ConfigOption.bytes("sample_bytes").defaultValue(1L << 20)
            .check(n -> n > 0, "must be positive").doc("bytes per file read to infer column types");
    public static final ConfigOption<Integer> SAMPLE_FILES = ConfigOption.integer("sample_files").defaultValue(10)
            .check(n -> n > 0, "must be positive").doc("files read to infer column types, newest first");

    /** Every format option, for a connector's option list and {@link Configuration#validate}. */
    public static final List<ConfigOption<?>> OPTIONS = List.of(FORMAT, COMPRESSION, DELIMITER, QUOTE, ESCAPE, HEADER,
            COLUMN_NAMES, SKIP_ROWS, SKIP_ROWS_AFTER_HEADER, NULL_VALUES, ENCODING, FLATTEN, SELECT, USECOLS, COLUMNS,
            ON_ERROR, SAMPLE_BYTES, SAMPLE_FILES);

    public FormatOptions {
        requireNonNull(format, "format is null");
        requireNonNull(compression, "compression is null");
        requireNonNull(delimiter, "delimiter is null");
        requireNonNull(escape, "escape is null");
        columnNames = List.copyOf(columnNames);
        nullValues = List.copyOf(nullValues);
        requireNonNull(encoding, "encoding is null");
        select = List.copyOf(select);
        columnTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
        requireNonNull(onError, "onError is null");
    }

    /** Every option at its default. */
    public static FormatOptions defaults() {
        return from(Configuration.of(Map.of()));
    }

    /** Reads the options from a source's configuration; fails with one CONFIG error listing every bad value. */
    public static FormatOptions from(Configuration config) {
        config.validate(OPTIONS, config.asMap().keySet()); // throws one CONFIG error listing every bad value
        List<String> problems = new ArrayList<>();
        Optional<Character> delimiter = config.find(DELIMITER).map(text -> character(DELIMITER.key(), text, problems));
        char quote = quoteOf(config.get(QUOTE), problems);
        String escapeText = config.get(ESCAPE);
        Optional<Character> escape = escapeText.equalsIgnoreCase("none") || escapeText.isEmpty()
                ? Optional.empty() : Optional.of(character(ESCAPE.key(), escapeText, problems));
        Charset encoding = charset(config.get(ENCODING), problems);
        List<String> select = config.get(SELECT).isEmpty() ? config.get(USECOLS) : config.get(SELECT);
        Map<String, DataType> types = new LinkedHashMap<>();
        config.get(COLUMNS).forEach((name, type) -> {
            try {
                types.put(name, DataType.parse(String.valueOf(type)));
            } catch (SpateException e) {
                problems.add("columns: \"" + name + "\": " + e.getMessage());
            }
        });
        if (!config.get(HEADER) && config.get(SKIP_ROWS_AFTER_HEADER) > 0) {
            problems.add("skip_rows_after_header needs header: true; use skip_rows to skip lines of a file without a header");
        }
        if (escape.isPresent() && escape.get() == quote) {
            escape = Optional.empty(); // a doubled quote is what RFC 4180 does anyway
        }
        if (!problems.isEmpty()) {
            throw SpateException.config("invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
        return new FormatOptions(config.get(FORMAT), config.get(COMPRESSION), delimiter, quote, escape, config.get(HEADER),
                config.get(COLUMN_NAMES), config.get(SKIP_ROWS), config.get(SKIP_ROWS_AFTER_HEADER), config.get(NULL_VALUES),
                encoding, config.get(FLATTEN), select, types, config.get(ON_ERROR), config.get(SAMPLE_BYTES),
                config.get(SAMPLE_FILES));
    }

    /** The field separator for {@code format}: the option, else tab for TSV and comma otherwise. */
    public char delimiterFor(Format format) {
        return delimiter.orElse(format == Format.TSV ? '\t' : ',');
    }

    /** A copy reading only {@code columns}. */
    public FormatOptions withSelect(List<String> columns) {
        return new FormatOptions(format, compression, delimiter, quote, escape, header, columnNames, skipRows,
                skipRowsAfterHeader, nullValues, encoding, flatten, columns, columnTypes, onError, sampleBytes, sampleFiles);
    }

    /** A copy for a byte range that does not start the file: no header, no skipped rows, the given names. */
    public FormatOptions forRangeAfterStart(List<String> names) {
        return new FormatOptions(format, compression, delimiter, quote, escape, false, names, 0, 0, nullValues, encoding,
                flatten, select, columnTypes, onError, sampleBytes, sampleFiles);
    }

    private static char character(String key, String text, List<String> problems) {
        String t = switch (text.toLowerCase(Locale.ROOT)) {
            case "\\t", "tab" -> "\t";
            case "\\|", "pipe" -> "|";
            case "semicolon" -> ";";
            case "comma" -> ",";
            case "space" -> " ";
            default -> text;
        };
        if (t.length() != 1) {
            problems.add(key + " must be one character, got \"" + text + "\"");
            return ',';
        }
        char c = t.charAt(0);
        if (c == '\n' || c == '\r') {
            problems.add(key + " must not be a line break");
        }
        return c;
    }

    private static char quoteOf(String text, List<String> problems) {
        if (text.isEmpty() || text.equalsIgnoreCase("none")) {
            return NO_QUOTE;
        }
        return character(QUOTE.key(), text, problems);
    }

    private static Charset charset(String name, List<String> problems) {
        try {
            return Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            problems.add("encoding \"" + name + "\" is not a known character set (e.g. UTF-8, ISO-8859-1, windows-1252, UTF-16)");
            return StandardCharsets.UTF_8;
        }
    }
}
