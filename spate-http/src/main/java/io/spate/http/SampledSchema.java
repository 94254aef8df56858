package io.spate.http;

import io.spate.format.ErrorHandling;
import io.spate.format.FormatOptions;
import io.spate.format.FormatReaders;
import io.spate.format.OnError;
import io.spate.format.RecordReader;
import io.spate.format.SchemaInference;
import io.spate.sdk.Column;
import io.spate.sdk.SpateException;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Column types inferred from the first bytes of a body with the shared {@link SchemaInference}: a column
 * declared in {@code columns} keeps its declared (fixed) type, every other one is {@link Column#inferred}
 * and widens when a later value needs it; {@code select} keeps only its columns, in its order.
 */
final class SampledSchema {
    private SampledSchema() {
    }

    /**
     * @param sample the first (decompressed) bytes of the body
     * @param truncated whether the body goes on after them: then the last record of the sample may be cut
     *        short, and is not used
     */
    static List<Column> infer(byte[] sample, boolean truncated, String file, HttpCsvSettings settings) {
        FormatOptions reading = settings.reading();
        SchemaInference inference = new SchemaInference(reading);
        try (RecordReader reader = FormatReaders.open(settings.format(), file, new ByteArrayInputStream(sample),
                reading.withSelect(List.of()), ErrorHandling.of(OnError.SKIP, bad -> { }))) {
            inference.sample(settings.format(), new SampleRecords(reader, truncated));
        }
        return inference.columns().stream()
                .map(c -> reading.columnTypes().containsKey(c.name()) ? c : Column.inferred(c.name(), c.type()))
                .toList();
    }

    /**
     * The records of a sample, without the last one when the sample was cut from a longer body. Reports no
     * bytes read: the sample's length is the bound.
     */
    private static final class SampleRecords implements RecordReader {
        private final RecordReader records;
        private final boolean dropLast;
        private Object[] current;
        private Object[] ahead;
        private boolean started;

        SampleRecords(RecordReader records, boolean dropLast) {
            this.records = records;
            this.dropLast = dropLast;
        }

        @Override
        public List<String> columns() {
            return records.columns();
        }

        @Override
        public boolean next() {
            if (!dropLast) {
                return records.next();
            }
            if (!started) {
                started = true;
                ahead = advance();
            }
            if (ahead == null) {
                return false;
            }
            current = ahead;
            ahead = advance();
            return ahead != null;
        }

        /** The next record's values; null at the end, or where the cut at the sample's end breaks the input. */
        private Object[] advance() {
            try {
                return records.next() ? records.values().clone() : null;
            } catch (SpateException cutShort) {
                return null;
            }
        }

        @Override
        public Object[] values() {
            return dropLast ? current : records.values();
        }

        @Override
        public long recordNumber() {
            return records.recordNumber();
        }

        @Override
        public long lineNumber() {
            return records.lineNumber();
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        public void close() {
            records.close();
        }
    }
}
