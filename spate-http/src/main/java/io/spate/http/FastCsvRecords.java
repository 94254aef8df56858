package io.spate.http;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.spate.sdk.SpateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@link CsvRecords} with FastCSV, streaming: the body is never held whole. */
final class FastCsvRecords implements CsvRecords {
    private final CsvSettings settings;

    FastCsvRecords(CsvSettings settings) {
        this.settings = settings;
    }

    @Override
    public void read(InputStream body, String source, Handler handler) {
        CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(settings.delimiter())
                .quoteCharacter(settings.quote()).skipEmptyLines(true).allowExtraFields(true).allowMissingFields(true)
                .detectBomHeader(true).ofCsvRecord(body, settings.charset());
        try (reader) {
            long skipped = 0;
            int width = -1;
            long number = 0;
            String[] fields = null;
            for (CsvRecord record : reader) {
                if (skipped < settings.skipRows()) {
                    skipped++;
                    continue;
                }
                if (width < 0) {
                    List<String> names = settings.header() ? namesOf(record, source) : givenNames(record.getFieldCount());
                    width = names.size();
                    fields = new String[width];
                    handler.header(names);
                    if (settings.header()) {
                        continue;
                    }
                }
                number++;
                if (record.getFieldCount() != width) {
                    handler.malformed(number, record.getStartingLineNumber(), "has " + record.getFieldCount()
                            + " fields, the header has " + width, String.join(String.valueOf(settings.delimiter()), record.getFields()));
                    continue;
                }
                for (int i = 0; i < width; i++) {
                    String field = record.getField(i);
                    fields[i] = field.isEmpty() || settings.nullValues().contains(field) ? null : field;
                }
                handler.record(number, fields);
            }
            if (width < 0) {
                handler.header(settings.header() ? List.of() : settings.columnNames());
            }
        } catch (CsvParseException e) {
            throw failureOf(e, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** FastCSV wraps what the body's stream threw: a broken connection is not a data error. */
    private static RuntimeException failureOf(CsvParseException e, String source) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SpateException spate) {
                return spate;
            }
            if (cause instanceof IOException io) {
                return new UncheckedIOException(source + ": " + io.getMessage(), io);
            }
        }
        return new SpateException(SpateException.Category.DATA, source + ": " + e.getMessage(), e);
    }

    private List<String> namesOf(CsvRecord record, String source) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < record.getFieldCount(); i++) {
            String name = record.getField(i).strip();
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
            }
            if (!seen.add(name)) {
                throw SpateException.data(source + ": the header names column \"" + name + "\" twice");
            }
            names.add(name);
        }
        return names;
    }

    private List<String> givenNames(int fieldCount) {
        if (!settings.columnNames().isEmpty()) {
            return settings.columnNames();
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= fieldCount; i++) {
            names.add("column_" + i);
        }
        return names;
    }
}
