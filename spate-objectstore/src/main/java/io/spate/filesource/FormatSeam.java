package io.spate.filesource;

import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import io.spate.sdk.DataType;
import java.util.zip.GZIPInputStream;

/**
 * The seam between the source and the format readers: turns the bytes of one object into named columns
 * and records. INTERIM: until the readers of {@code io.spate.format} are on main this holds a small
 * line-based CSV/TSV/TXT reader with gzip; it is replaced by a call into those readers, and nothing else
 * in the source changes.
 */
final class FormatSeam {
    static final ConfigOption<String> DELIMITER = ConfigOption.string("delimiter")
            .doc("csv: field delimiter; default , (tab for tsv)");
    static final ConfigOption<Boolean> HEADER = ConfigOption.bool("header").defaultValue(true)
            .doc("csv: the first record names the columns");

    static final List<ConfigOption<?>> OPTIONS = List.of(DELIMITER, HEADER);

    /** Receives what a reader finds; called on the reading thread, in record order. */
    interface RecordSink {
        /** Before the records of each member: their columns, and whether the values are text to be typed. */
        void columns(List<String> names, boolean text);

        /** One record: values of the columns, in order, reused after the call; its 1-based number. */
        void record(Object[] values, long recordNumber);

        /** A record that cannot be read (under on_error skip or quarantine): its number, the message, its text. */
        void bad(long recordNumber, String message, String rawText);
    }

    private final String format;
    private final String compression;
    private final Configuration config;

    FormatSeam(Configuration config) {
        this.config = config;
        this.format = config.get(FileSourceOptions.FORMAT).toLowerCase(Locale.ROOT);
        this.compression = config.get(FileSourceOptions.COMPRESSION).toLowerCase(Locale.ROOT);
    }

    /** Reads every record of the object; returns the number of the last record (good or bad). */
    long read(ReadTask task, InputStream raw, RecordSink sink) throws IOException {
        InputStream in = decompress(task, new BufferedInputStream(raw, 1 << 16));
        String kind = format.equals("auto") ? formatOf(task) : format;
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        return switch (kind) {
            case "csv", "tsv" -> readDelimited(task, reader, kind.equals("tsv") ? '\t' : ',', sink);
            case "txt" -> readLines(reader, sink);
            default -> throw SpateException.unsupported(task.uri() + ": format " + kind + " is not readable yet by this build");
        };
    }

    /** Interim: no inference; text columns stay text until the format readers are wired in. */
    Map<String, DataType> inferTextTypes(List<ReadTask> newestFirst, Function<ReadTask, InputStream> opener) {
        return Map.of();
    }

    private InputStream decompress(ReadTask task, BufferedInputStream in) throws IOException {
        String kind = compression;
        if (kind.equals("auto")) {
            in.mark(2);
            int first = in.read();
            int second = in.read();
            in.reset();
            kind = first == 0x1f && second == 0x8b ? "gzip" : "none";
        }
        return switch (kind) {
            case "none" -> in;
            case "gzip", "gz" -> new GZIPInputStream(in, 1 << 16);
            default -> throw SpateException.unsupported(task.uri() + ": compression " + kind + " is not readable yet by this build");
        };
    }

    private static String formatOf(ReadTask task) {
        String name = task.object().name().toLowerCase(Locale.ROOT);
        for (String compressed : TableNaming.COMPRESSION_EXTENSIONS) {
            if (name.endsWith("." + compressed)) {
                name = name.substring(0, name.length() - compressed.length() - 1);
            }
        }
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        return switch (extension) {
            case "csv" -> "csv";
            case "tsv", "tab" -> "tsv";
            case "txt", "text", "log" -> "txt";
            case "json", "jsonl", "ndjson", "parquet", "avro" -> extension;
            default -> throw SpateException.config(task.uri() + ": cannot tell the format from the name; set format");
        };
    }

    private static long readLines(Reader reader, RecordSink sink) throws IOException {
        BufferedReader lines = new BufferedReader(reader, 1 << 16);
        sink.columns(List.of("line"), false);
        Object[] values = new Object[1];
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            values[0] = line;
            sink.record(values, ++number);
        }
        return number;
    }

    private long readDelimited(ReadTask task, Reader reader, char defaultDelimiter, RecordSink sink) throws IOException {
        char delimiter = config.find(DELIMITER).map(d -> d.equals("\\t") ? '\t' : d.charAt(0)).orElse(defaultDelimiter);
        boolean header = config.get(HEADER);
        DelimitedRecords records = new DelimitedRecords(new BufferedReader(reader, 1 << 16), delimiter);
        List<String> first = records.next();
        if (first == null) {
            sink.columns(List.of(), true);
            return 0;
        }
        List<String> columns = new ArrayList<>();
        if (header) {
            columns.addAll(first);
        } else {
            for (int i = 1; i <= first.size(); i++) {
                columns.add("column" + i);
            }
        }
        sink.columns(columns, true);
        Object[] values = new Object[columns.size()];
        long number = 0;
        for (List<String> record = header ? records.next() : first; record != null; record = records.next()) {
            number++;
            if (record.size() != columns.size()) {
                String message = task.uri() + " line " + records.line() + ": " + record.size() + " fields, expected "
                        + columns.size();
                if (config.get(FileSourceOptions.ON_ERROR) == FileSourceOptions.OnError.FAIL) {
                    throw SpateException.data(message);
                }
                sink.bad(number, message, String.join(String.valueOf(delimiter), record));
                continue;
            }
            for (int i = 0; i < values.length; i++) {
                String value = record.get(i);
                values[i] = value.isEmpty() ? null : value;
            }
            sink.record(values, number);
        }
        return number;
    }

    /** RFC 4180 records: quoted fields may hold delimiters, doubled quotes and newlines. */
    private static final class DelimitedRecords {
        private final BufferedReader in;
        private final char delimiter;
        private final StringBuilder field = new StringBuilder();
        private long line;

        DelimitedRecords(BufferedReader in, char delimiter) {
            this.in = in;
            this.delimiter = delimiter;
        }

        long line() {
            return line;
        }

        List<String> next() throws IOException {
            String text = in.readLine();
            if (text == null) {
                return null;
            }
            line++;
            List<String> fields = new ArrayList<>();
            field.setLength(0);
            boolean quoted = false;
            int i = 0;
            while (true) {
                if (i >= text.length()) {
                    if (!quoted) {
                        break;
                    }
                    String more = in.readLine();
                    if (more == null) {
                        throw SpateException.data("line " + line + ": a quoted field is not closed before the end of the file");
                    }
                    line++;
                    field.append('\n');
                    text = more;
                    i = 0;
                    continue;
                }
                char c = text.charAt(i++);
                if (quoted) {
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                } else if (c == delimiter) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            return fields;
        }
    }
}
