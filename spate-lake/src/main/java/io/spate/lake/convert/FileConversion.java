package io.spate.lake.convert;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.spate.batch.ColumnVector;
import io.spate.format.BadRecord;
import io.spate.format.ErrorHandling;
import io.spate.format.Format;
import io.spate.format.FormatReaders;
import io.spate.format.OnError;
import io.spate.format.RecordReader;
import io.spate.format.compress.Decompression;
import io.spate.format.write.FormatWriter;
import io.spate.lake.LakeFormat;
import io.spate.lake.parquet.ParquetFileWriter;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import io.spate.sdk.SpateException.Category;
import io.spate.storage.ObjectInfo;
import io.spate.storage.ObjectStore.ObjectOutput;
import io.spate.types.Coercion;
import io.spate.types.CoercionException;
import io.spate.types.TextValues;
import io.spate.types.TypeWidening;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The conversion of one input file: read once, types inferred from a sample at its start, batches encoded
 * into every output format concurrently (the reader fills the next batch while the writers encode the last).
 * Memory: two batches of {@link ConvertRequest#batchRows()} rows plus each writer's own buffers.
 */
final class FileConversion {
    /** Rows sampled for inference at most, besides {@code sample_bytes}. */
    static final int MAX_SAMPLE_ROWS = 100_000;
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final ConvertRequest request;
    private final CountingObjectStore source;
    private final CountingObjectStore destination;
    private final ParquetFileWriter parquet;
    private final ExecutorService encoders;
    private final ObjectInfo file;
    private final String relative;
    private final String marker;
    private final String uri;
    private final List<Output> outputs = new ArrayList<>();
    private Rejects rejects;
    private long rejected;

    FileConversion(ConvertRequest request, CountingObjectStore source, CountingObjectStore destination, ParquetFileWriter parquet,
            ExecutorService encoders, ObjectInfo file, String relative, String marker) {
        this.request = request;
        this.source = source;
        this.destination = destination;
        this.parquet = parquet;
        this.encoders = encoders;
        this.file = file;
        this.relative = relative;
        this.marker = marker;
        this.uri = source.uriOf(file.key());
    }

    /** One output being written. */
    private record Output(String key, ObjectOutput target, FormatWriter writer) {
    }

    ConvertReport.FileResult convert() {
        long start = System.nanoTime();
        ErrorHandling errors = request.onError() == OnError.FAIL ? ErrorHandling.failFast()
                : ErrorHandling.of(request.onError(), this::reject);
        Format format = Format.resolve(request.input().format(), file.key());
        long rows = 0;
        try (InputStream raw = source.open(file.key());
                RecordReader reader = FormatReaders.open(format, uri, Decompression.open(raw, uri, request.input().compression()),
                        request.input(), errors)) {
            List<String> names = reader.columns();
            List<Object[]> sample = new ArrayList<>();
            List<long[]> samplePlaces = new ArrayList<>();
            boolean more = true;
            // the sample's own size bounds it: the reader counts its bytes a whole buffer at a time
            long sampledBytes = 0;
            long limit = request.input().sampleBytes();
            while (sample.size() < MAX_SAMPLE_ROWS && sampledBytes < limit) {
                if (!reader.next()) {
                    more = false;
                    break;
                }
                Object[] values = reader.values().clone();
                for (Object value : values) {
                    sampledBytes += 1 + (value instanceof String text ? text.length() : 8);
                }
                sample.add(values);
                samplePlaces.add(new long[] {reader.lineNumber(), reader.recordNumber()});
            }
            List<Column> columns = inferColumns(names, sample);
            openOutputs(columns);
            // two batches, swapped: one is filled while the writers encode the other
            Batch batch = new Batch(columns, request.batchRows());
            Batch spare = new Batch(columns, request.batchRows());
            List<Future<?>> encoding = List.of();
            for (int i = 0; i < sample.size(); i++) {
                rows += batch.add(sample.get(i), samplePlaces.get(i)[0], samplePlaces.get(i)[1], errors) ? 1 : 0;
                if (batch.full()) {
                    encoding = handOff(batch, encoding);
                    Batch encoded = batch;
                    batch = spare.cleared();
                    spare = encoded;
                }
            }
            sample.clear();
            while (more && reader.next()) {
                rows += batch.add(reader.values(), reader.lineNumber(), reader.recordNumber(), errors) ? 1 : 0;
                if (batch.full()) {
                    encoding = handOff(batch, encoding);
                    Batch encoded = batch;
                    batch = spare.cleared();
                    spare = encoded;
                }
            }
            encoding = handOff(batch, encoding);
            await(encoding);
            finishOutputs();
        } catch (IOException | UncheckedIOException e) {
            abortOutputs();
            throw new SpateException(Category.RETRIABLE, uri + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            abortOutputs();
            throw e;
        }
        destination.put(marker, new byte[0]);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ConvertReport.FileResult(file.key(), outputs.stream().map(Output::key).toList(), rows, rejected, file.size(), seconds);
    }

    /** Types from the sample: each column the narrowest type of all its sampled values; declared types win. */
    private List<Column> inferColumns(List<String> names, List<Object[]> sample) {
        List<Column> columns = new ArrayList<>(names.size());
        for (int c = 0; c < names.size(); c++) {
            DataType declared = request.input().columnTypes().get(names.get(c));
            DataType type = declared;
            if (type == null) {
                for (Object[] values : sample) {
                    Object value = c < values.length ? values[c] : null;
                    DataType seen = value == null ? null : value instanceof String s ? TextValues.inferType(s) : Coercion.inferType(value);
                    if (seen != null) {
                        type = type == null ? seen : TypeWidening.widen(type, seen);
                    }
                }
            }
            columns.add(Column.of(names.get(c), type == null ? DataType.STRING : declared != null ? type : roomy(type)));
        }
        return columns;
    }

    /**
     * An inferred type with room for values the sample did not show: integers as LONG, decimals with at
     * least 18 digits (still 64-bit in Parquet) at the sampled scale.
     */
    private static DataType roomy(DataType inferred) {
        return switch (inferred.kind()) {
            case SHORT, INT -> DataType.LONG;
            case DECIMAL -> inferred.precision() >= ColumnVector.MAX_LONG_DECIMAL_PRECISION ? inferred
                    : DataType.decimal(Math.max(ColumnVector.MAX_LONG_DECIMAL_PRECISION, inferred.scale()), inferred.scale());
            default -> inferred;
        };
    }

    private void openOutputs(List<Column> columns) throws IOException {
        String base = Converter.outputBase(relative);
        String recordName = Format.baseName(relative);
        Map<String, String> metadata = Map.of("spate.source", uri, "spate.source_etag", file.etag());
        for (LakeFormat format : request.formats()) {
            String key = request.destinationPrefix() + base + format.extension();
            ObjectOutput target = destination.create(key);
            try {
                outputs.add(new Output(key, target, format.open(recordName, columns, Set.of(), metadata, target, parquet)));
            } catch (IOException | RuntimeException e) {
                target.abort();
                throw e;
            }
        }
    }

    /**
     * Waits for the writers to finish the previous batch (which the reader then refills), then hands them this
     * one; returns their work.
     */
    private List<Future<?>> handOff(Batch batch, List<Future<?>> previous) {
        await(previous);
        if (batch.rows == 0) {
            return List.of();
        }
        List<Future<?>> work = new ArrayList<>(outputs.size());
        for (Output output : outputs) {
            work.add(encoders.submit(() -> {
                try {
                    output.writer().write(batch.vectors, batch.rows);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        return work;
    }

    private void finishOutputs() {
        List<Future<?>> closing = new ArrayList<>();
        for (Output output : outputs) {
            closing.add(encoders.submit(() -> {
                try {
                    output.writer().close();
                } catch (IOException e) {
                    throw new UncheckedIOException("finishing " + destination.uriOf(output.key()) + ": " + e.getMessage(), e);
                }
            }));
        }
        await(closing);
        if (rejects != null) {
            rejects.close();
        }
    }

    private void abortOutputs() {
        for (Output output : outputs) {
            output.writer().abort();
            output.target().abort();
        }
        if (rejects != null) {
            rejects.abort();
        }
    }

    private static void await(List<Future<?>> work) {
        RuntimeException failure = null;
        for (Future<?> future : work) {
            try {
                future.get();
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                        : new SpateException(Category.INTERNAL, String.valueOf(e.getCause()), e.getCause());
                if (failure == null) {
                    failure = cause;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SpateException(Category.INTERNAL, "interrupted while encoding", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void reject(BadRecord bad) {
        rejected++;
        if (request.onError() != OnError.QUARANTINE) {
            return;
        }
        if (rejects == null) {
            rejects = new Rejects(request.destinationPrefix() + Converter.REJECTS + relative + ".rejects.jsonl");
        }
        rejects.write(bad);
    }

    /** The bad records of a file under {@code quarantine}, as JSON lines: file, line, column, reason, raw text. */
    private final class Rejects {
        private final ObjectOutput target;
        private final JsonGenerator json;

        Rejects(String key) {
            this.target = destination.create(key);
            try {
                this.json = JSON.createGenerator(target, JsonEncoding.UTF8);
                json.setRootValueSeparator(null);
            } catch (IOException e) {
                target.abort();
                throw new UncheckedIOException(e);
            }
        }

        void write(BadRecord bad) {
            try {
                json.writeStartObject();
                json.writeStringField("file", bad.file());
                json.writeNumberField("line", bad.line());
                json.writeNumberField("record", bad.recordNumber());
                json.writeStringField("column", bad.column().orElse(null));
                json.writeStringField("reason", bad.reason());
                json.writeStringField("raw", bad.rawText());
                json.writeEndObject();
                json.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() {
            try {
                json.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void abort() {
            target.abort();
        }
    }

    /** Rows typed into column vectors; a row with a value that does not fit its column is a bad record. */
    private final class Batch {
        final List<Column> columns;
        final List<ColumnVector> vectors;
        final int capacity;
        int rows;

        Batch(List<Column> columns, int capacity) {
            this.columns = columns;
            this.capacity = capacity;
            this.vectors = columns.stream().map(c -> new ColumnVector(c.type(), capacity)).toList();
        }

        boolean full() {
            return rows >= capacity;
        }

        /** This batch emptied for reuse; its vectors keep their arrays. */
        Batch cleared() {
            vectors.forEach(v -> v.truncate(0));
            rows = 0;
            return this;
        }

        /** Adds a record; false when it was bad and skipped. */
        boolean add(Object[] values, long line, long record, ErrorHandling errors) {
            for (int c = 0; c < columns.size(); c++) {
                Object value = c < values.length ? values[c] : null;
                try {
                    Coercion.append(vectors.get(c), value);
                } catch (CoercionException e) {
                    for (int undo = 0; undo < c; undo++) {
                        vectors.get(undo).truncate(rows);
                    }
                    errors.handle(BadRecord.inColumn(uri, line, record, columns.get(c).name(),
                            "\"" + value + "\" is not a " + columns.get(c).type() + " (" + e.getMessage()
                                    + "); the type was inferred from the first rows: declare the column's type to read it",
                            rawText(values)));
                    return false;
                }
            }
            rows++;
            return true;
        }

        private String rawText(Object[] values) {
            return String.join(String.valueOf(request.input().delimiterFor(Format.CSV)),
                    Arrays.stream(values).map(v -> v == null ? "" : String.valueOf(v)).toList());
        }
    }
}
