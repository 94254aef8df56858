package io.spate.filesource;

import io.spate.format.ErrorHandling;
import io.spate.format.Format;
import io.spate.format.FormatOptions;
import io.spate.format.FormatReaders;
import io.spate.format.RecordReader;
import io.spate.format.SchemaInference;
import io.spate.format.compress.ArchiveMember;
import io.spate.format.compress.Decompression;
import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seam between the source and the format readers of {@code io.spate.format}: decompresses an object
 * (each member of a zip archive in turn), picks its format, and hands its columns, records and bad records
 * to a {@link RecordSink}. Records are numbered from 1 across the whole object (members continue the
 * count), bad records included, so {@code _spate_line} is stable.
 */
final class FormatSeam {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FormatSeam.class);
    static final List<ConfigOption<?>> OPTIONS = FormatOptions.OPTIONS;

    /** Receives what a reader finds; called on the reading thread, in record order. */
    interface RecordSink {
        /** Before the records of each member: their columns, and whether the values are text to be typed. */
        void columns(List<String> names, boolean text);

        /** One record: values of the columns, in order, reused after the call; its 1-based number. */
        void record(Object[] values, long recordNumber);

        /** A record that cannot be read (under on_error skip or quarantine): its number, the message, its text. */
        void bad(long recordNumber, String message, String rawText);
    }

    private final FormatOptions options;

    FormatSeam(Configuration config) {
        this.options = FormatOptions.from(config);
    }

    FormatOptions options() {
        return options;
    }

    /** Reads every record of the object; returns the number of the last record (good or bad). */
    long read(ReadTask task, InputStream raw, RecordSink sink) {
        return read(task, raw, java.util.Optional.empty(), sink);
    }

    /**
     * As {@link #read(ReadTask, InputStream, RecordSink)}, with the object's local file when the store has
     * one: an uncompressed Parquet object is then read in place, not copied.
     */
    long read(ReadTask task, InputStream raw, java.util.Optional<java.nio.file.Path> localFile, RecordSink sink) {
        long base = 0;
        try (Decompression.Members members = Decompression.members(raw, task.uri(), options.compression())) {
            while (members.hasNext()) {
                ArchiveMember member = members.next();
                Format format = formatOf(member.name());
                long offset = base;
                long[] last = {0};
                ErrorHandling errors = ErrorHandling.of(options.onError(), bad -> {
                    last[0] = Math.max(last[0], bad.recordNumber());
                    sink.bad(offset + bad.recordNumber(), bad.message(), bad.rawText());
                });
                java.util.Optional<java.nio.file.Path> inPlace = localFile.filter(f -> member.name().equals(task.uri())
                        && io.spate.format.compress.Compression.byExtension(member.name()).isEmpty()
                        && (options.compression().equalsIgnoreCase("auto") || options.compression().equalsIgnoreCase("none")));
                try (Spool spool = Spool.of(format, member, inPlace); RecordReader reader = spool.open(format, member, options, errors)) {
                    boolean text = format == Format.CSV || format == Format.TSV;
                    int columnCount = reader.columns().size();
                    sink.columns(reader.columns(), text);
                    while (reader.next()) {
                        if (reader.columns().size() != columnCount) {
                            // JSON grows its columns when a record has a key not seen before
                            columnCount = reader.columns().size();
                            sink.columns(reader.columns(), text);
                        }
                        last[0] = Math.max(last[0], reader.recordNumber());
                        sink.record(reader.values(), offset + reader.recordNumber());
                    }
                }
                base += last[0];
            }
        }
        return base;
    }

    /**
     * Samples objects of one table for the types of text columns (CSV, TSV): at most {@code sample_bytes}
     * of each, at most {@code sample_files} objects, in the order given (newest first). Empty when the
     * objects are not text.
     */
    Map<String, DataType> inferTextTypes(List<ReadTask> newestFirst, java.util.function.Function<ReadTask, InputStream> opener) {
        SchemaInference inference = new SchemaInference(options);
        for (ReadTask task : newestFirst) {
            if (!inference.wantsMoreFiles()) {
                break;
            }
            Format format = formatOf(task.object().name());
            if (format != Format.CSV && format != Format.TSV) {
                return Map.of();
            }
            try (Decompression.Members members = Decompression.members(opener.apply(task), task.uri(), options.compression())) {
                if (members.hasNext()) {
                    ArchiveMember first = members.next();
                    inference.sample(formatOf(first.name()), first);
                }
            } catch (SpateException | java.io.UncheckedIOException e) {
                // a damaged sample says nothing about the types; reading that object reports the damage itself
                LOG.debug("sampling {} for column types failed: {}", task.uri(), e.getMessage());
            }
        }
        Map<String, DataType> types = new LinkedHashMap<>();
        inference.columns().forEach(c -> types.put(c.name(), c.type()));
        return types;
    }

    private Format formatOf(String name) {
        return Format.resolve(options.format(), name);
    }

    /**
     * A member of a format that needs a whole local file (Parquet, whose footer is at the end) copied to a
     * temporary file, streamed from the object (resumed by ranged GETs after faults), and deleted on close.
     * It costs the member's size in local disk, never in memory; none for other formats.
     */
    private record Spool(java.util.Optional<java.nio.file.Path> file, boolean owned) implements AutoCloseable {
        static Spool of(Format format, ArchiveMember member, java.util.Optional<java.nio.file.Path> inPlace) {
            if (!FormatReaders.needsLocalFile(format)) {
                return new Spool(java.util.Optional.empty(), false);
            }
            if (inPlace.isPresent()) {
                return new Spool(inPlace, false);
            }
            java.nio.file.Path file = null;
            try {
                file = java.nio.file.Files.createTempFile("spate-spool-", "." + format.name().toLowerCase(java.util.Locale.ROOT));
                try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
                    member.stream().transferTo(out);
                }
                return new Spool(java.util.Optional.of(file), true);
            } catch (java.io.IOException | RuntimeException e) {
                deleteQuietly(file);
                if (e instanceof java.io.IOException io) {
                    throw new java.io.UncheckedIOException(member.name() + ": copying it to a local file for reading failed ("
                            + io.getMessage() + "); check the free space of java.io.tmpdir", io);
                }
                throw (RuntimeException) e;
            }
        }

        RecordReader open(Format format, ArchiveMember member, FormatOptions options, ErrorHandling errors) {
            if (file.isEmpty()) {
                return FormatReaders.open(format, member, options, errors);
            }
            return FormatReaders.openFile(format, member.name(), file.get(), options, errors);
        }

        @Override
        public void close() {
            if (owned) {
                file.ifPresent(Spool::deleteQuietly);
            }
        }

        private static void deleteQuietly(java.nio.file.Path file) {
            if (file == null) {
                return;
            }
            try {
                java.nio.file.Files.deleteIfExists(file);
            } catch (java.io.IOException e) {
                LOG.warn("could not delete the spooled file {}: {}", file, e.getMessage());
            }
        }
    }
}
