package io.spate.bench;

import io.spate.batch.ColumnVector;
import io.spate.batch.RowBatch;
import io.spate.destination.CommittedState;
import io.spate.destination.Destination;
import io.spate.destination.TableSchema;
import io.spate.format.ErrorHandling;
import io.spate.format.Format;
import io.spate.format.FormatOptions;
import io.spate.format.FormatReaders;
import io.spate.format.RecordReader;
import io.spate.runtime.Sync;
import io.spate.sdk.Column;
import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.DataType;
import io.spate.sdk.Operations;
import io.spate.sdk.State;
import io.spate.sdk.SystemColumns;
import io.spate.sdk.TableSpec;
import io.spate.types.Coercion;
import io.spate.types.TextValues;
import io.spate.types.TypeWidening;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CPU cost of "CSV bytes -> typed batches" on one thread, for the {@link Orders} shape (not JMH: a plain
 * main, so it runs from the bench class path without a harness). The CSV is generated in memory by
 * {@link OrdersText} (no disk, no decompression in the measurement). Each mode runs {@code ROUNDS} times;
 * each round reports the reading thread's CPU time per row and MB/s (CPU time, not wall time: the machine
 * is shared), and the median of the rounds is printed last.
 *
 * <pre>
 * java -cp "$(cat spate-bench/target/bench.classpath):spate-bench/target/classes" io.spate.bench.CsvTyping \
 *     [ROWS=1000000] [ROUNDS=7] [MODES=read,typed,runtime]      # also: coerce
 * </pre>
 *
 * <ul>
 *   <li>{@code read}: the CSV reader alone ({@link RecordReader#next()}, values as text);</li>
 *   <li>{@code typed}: the reader and {@link Coercion#append} into column vectors of the declared orders
 *       types, sealed into {@link RowBatch}es of 16,384 rows that a consumer discards (what {@code spate convert}
 *       does per file);</li>
 *   <li>{@code coerce}: the typing alone, of text values read into memory beforehand;</li>
 *   <li>{@code runtime}: the reader feeding the runtime through the public SDK as the files source does
 *       (columns declared as inferred from a sample, {@code _spate_file}/{@code _spate_line} keyed rows through
 *       a {@link Operations.RowWriter}) into a destination that discards the batches; the connector thread's
 *       CPU is measured.</li>
 * </ul>
 */
public final class CsvTyping {
    private static final int BATCH_ROWS = 16_384;
    private static final String FILE = "mem://orders.csv";

    private final byte[] csv;
    private final long rows;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private CsvTyping(byte[] csv, long rows) {
        this.csv = csv;
        this.rows = rows;
    }

    public static void main(String[] args) {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<String> modes = List.of((args.length > 2 ? args[2] : "read,typed,runtime").split(","));
        CsvTyping bench = new CsvTyping(generate(rows), rows);
        System.out.printf(Locale.ROOT, "orders CSV in memory: %,d rows, %.1f MB; %d rounds per mode%n", rows,
                bench.csv.length / 1e6, rounds);
        for (String mode : modes) {
            double[] nsPerRow = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                long cpu = switch (mode) {
                    case "read" -> bench.read();
                    case "typed" -> bench.typed();
                    case "runtime" -> bench.runtime();
                    case "coerce" -> bench.coerce();
                    default -> throw new IllegalArgumentException("unknown mode " + mode + " (read, typed, runtime, coerce)");
                };
                nsPerRow[round] = (double) cpu / rows;
                System.out.printf(Locale.ROOT, "%-8s round %d: %6.0f ns/row, %6.1f MB/s (CPU)%n", mode, round + 1,
                        nsPerRow[round], bench.csv.length / (cpu / 1e9) / 1e6);
            }
            double[] sorted = nsPerRow.clone();
            Arrays.sort(sorted);
            double median = sorted[rounds / 2];
            System.out.printf(Locale.ROOT, "%-8s MEDIAN   %6.0f ns/row, %6.1f MB/s, %.2f M rows/s (CPU, one core); rounds %s%n",
                    mode, median, bench.csv.length / (median * rows / 1e9) / 1e6, 1e3 / median, Arrays.toString(round(nsPerRow)));
        }
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }

    static byte[] generate(long rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, rows * 100));
        out.writeBytes(OrdersText.CSV_HEADER.getBytes(StandardCharsets.US_ASCII));
        OrdersText orders = new OrdersText();
        StringBuilder line = new StringBuilder(256);
        for (long n = 1; n <= rows; n++) {
            line.setLength(0);
            orders.appendCsv(n, line);
            out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private RecordReader open() {
        return FormatReaders.open(Format.CSV, FILE, new ByteArrayInputStream(csv), FormatOptions.defaults(),
                ErrorHandling.failFast());
    }

    private long cpuNow() {
        return threads.getCurrentThreadCpuTime();
    }

    private long read() {
        long start = cpuNow();
        long count = 0, checksum = 0;
        try (RecordReader reader = open()) {
            while (reader.next()) {
                count++;
                Object first = reader.values()[0];
                checksum += first == null ? 0 : ((String) first).length();
            }
        }
        long cpu = cpuNow() - start;
        check(count, checksum);
        return cpu;
    }

    private long typed() {
        List<Column> columns = Orders.table().columns();
        TableSchema schema = new TableSchema(Optional.empty(), "orders", List.of("order_id"), columns);
        long start = cpuNow();
        long count = 0, checksum = 0;
        try (RecordReader reader = open()) {
            List<ColumnVector> vectors = newVectors(columns);
            int inBatch = 0;
            while (reader.next()) {
                Object[] values = reader.values();
                for (int c = 0; c < vectors.size(); c++) {
                    Coercion.append(vectors.get(c), values[c]);
                }
                count++;
                if (++inBatch == BATCH_ROWS) {
                    checksum += discard(new RowBatch(schema, RowBatch.Kind.UPSERT, Orders.COLUMNS, vectors, inBatch, Instant.now()));
                    vectors = newVectors(columns);
                    inBatch = 0;
                }
            }
            checksum += discard(new RowBatch(schema, RowBatch.Kind.UPSERT, Orders.COLUMNS, vectors, inBatch, Instant.now()));
        }
        long cpu = cpuNow() - start;
        check(count, checksum);
        return cpu;
    }

    /** The typing alone: the text values of every row read beforehand, then only {@link Coercion#append} timed. */
    private long coerce() {
        List<Column> columns = Orders.table().columns();
        List<Object[]> texts = new ArrayList<>();
        try (RecordReader reader = open()) {
            while (reader.next()) {
                texts.add(reader.values().clone());
            }
        }
        long start = cpuNow();
        long checksum = 0;
        List<ColumnVector> vectors = newVectors(columns);
        int inBatch = 0;
        for (Object[] values : texts) {
            for (int c = 0; c < vectors.size(); c++) {
                Coercion.append(vectors.get(c), values[c]);
            }
            if (++inBatch == BATCH_ROWS) {
                checksum += vectors.get(0).getLong(inBatch - 1);
                vectors = newVectors(columns);
                inBatch = 0;
            }
        }
        long cpu = cpuNow() - start;
        check(texts.size(), checksum);
        return cpu;
    }

    private static List<ColumnVector> newVectors(List<Column> columns) {
        return columns.stream().map(c -> new ColumnVector(c.type(), BATCH_ROWS)).toList();
    }

    /** What a consumer that throws the batch away still has to look at, so nothing is optimised out. */
    private static long discard(RowBatch batch) {
        return batch.rowCount() == 0 ? 0 : batch.vectors().get(0).getLong(batch.rowCount() - 1);
    }

    private void check(long count, long checksum) {
        if (count != rows) {
            throw new IllegalStateException("read " + count + " rows, expected " + rows + " (checksum " + checksum + ")");
        }
    }

    private long runtime() {
        long[] cpu = {0};
        long[] count = {0};
        Connector connector = new Connector() {
            @Override
            public String name() {
                return "bench-csv";
            }

            @Override
            public List<ConfigOption<?>> options() {
                return List.of();
            }

            @Override
            public List<TableSpec> schema(Configuration config) {
                return List.of(TableSpec.builder("orders").primaryKey(SystemColumns.FILE, SystemColumns.LINE)
                        .column(SystemColumns.FILE, DataType.STRING).column(SystemColumns.LINE, DataType.LONG).build());
            }

            @Override
            public void update(Configuration config, State state, Operations ops) {
                long start = cpuNow();
                ops.declare(TableSpec.builder("orders").columns(sampledColumns()).build());
                try (RecordReader reader = open()) {
                    List<String> names = new ArrayList<>(reader.columns());
                    int data = names.size();
                    names.add(SystemColumns.FILE);
                    names.add(SystemColumns.LINE);
                    Operations.RowWriter writer = ops.rowWriter("orders", names);
                    Object[] row = new Object[names.size()];
                    row[data] = FILE;
                    while (reader.next()) {
                        System.arraycopy(reader.values(), 0, row, 0, data);
                        row[data + 1] = reader.recordNumber();
                        writer.upsert(row);
                        count[0]++;
                    }
                }
                cpu[0] = cpuNow() - start;
            }
        };
        Sync.builder().pipelineId("bench").connector(connector).configuration(Configuration.of(Map.of()))
                .destination("discard", new Discarding()).build().run();
        check(count[0], 0);
        return cpu[0];
    }

    /** The types the files source would infer from the first rows (as inferred columns, which widen). */
    private List<Column> sampledColumns() {
        Map<String, DataType> types = new LinkedHashMap<>();
        try (RecordReader reader = open()) {
            for (int n = 0; n < 10_000 && reader.next(); n++) {
                Object[] values = reader.values();
                for (int c = 0; c < values.length; c++) {
                    DataType type = values[c] == null ? null : TextValues.inferType((String) values[c]);
                    if (type != null) {
                        types.merge(reader.columns().get(c), type, TypeWidening::widen);
                    }
                }
            }
        }
        List<Column> columns = new ArrayList<>();
        types.forEach((name, type) -> columns.add(Column.inferred(name, type)));
        return columns;
    }

    /** A destination that looks at each batch's size and throws it away. */
    private static final class Discarding implements Destination {
        private long rows;

        @Override
        public Optional<CommittedState> loadState(String pipelineId) {
            return Optional.empty();
        }

        @Override
        public void ensureTable(TableSchema table) {
        }

        @Override
        public void write(RowBatch batch) {
            rows += batch.rowCount();
        }

        @Override
        public void commit(String pipelineId, CommittedState state) {
        }

        @Override
        public void rollback() {
        }

        @Override
        public void resetState(String pipelineId) {
        }

        @Override
        public void close() {
        }
    }
}
