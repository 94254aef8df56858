package io.spate.filesource;

import io.spate.filter.Filter;
import io.spate.filter.RowPredicate;
import io.spate.format.ByteRange;
import io.spate.format.Format;
import io.spate.format.FormatOptions;
import io.spate.format.MisalignedSplitException;
import io.spate.format.OnError;
import io.spate.format.RangeOpener;
import io.spate.format.Splitting;
import io.spate.format.compress.Compression;
import io.spate.runtime.BackgroundCheckpoints;
import io.spate.sdk.Configuration;
import io.spate.sdk.Operations;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import io.spate.sdk.SystemColumns;
import io.spate.storage.ObjectStore;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the source: decides which listed objects to read (new or changed, or all in full mode),
 * reads them with {@code parallelism} workers, sends their rows, and checkpoints the {@link SyncLedger}
 * after completed objects (on a thread of its own, while the workers read on; the run ends only after that
 * thread's last commit). Inside a large object it checkpoints too, so that one commit never holds a whole
 * object: after each completed byte range of an object read in ranges, recording how far it got (a run that
 * stops inside it resumes after its last committed range, with the same line numbers), and every
 * {@code checkpoint_rows} rows of an object read whole (read again from its start after a stop). A changed
 * object's rows are overwritten line by line and the lines it no longer has are deleted; an object that fails
 * under {@code on_error: skip | quarantine} has the rows it sent deleted again and is tried again next run.
 */
final class ObjectReading {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectReading.class);
    private static final String REJECTS = "_spate_rejects";
    private static final int BAD_RECORD_WARNINGS_PER_OBJECT = 5;

    private final Configuration config;
    private final ObjectStore store;
    private final Listing listing;
    private final Operations ops;
    private final boolean lineKeyed;
    private final OnError onError;
    private final FormatSeam formats;
    private final long checkpointIntervalNanos;
    private final long checkpointRows;
    private final AtomicLong lastCheckpointNanos = new AtomicLong(System.nanoTime());
    private final AtomicInteger skippedObjects = new AtomicInteger();
    private final boolean inferTypes;
    private final Map<String, List<ReadTask>> tasksByTable = new HashMap<>();
    private final Optional<Filter> filter;
    private final Map<String, java.util.Set<String>> partitionColumns = new HashMap<>();
    private final Map<String, TableCounts> counts = new java.util.TreeMap<>();
    private final Map<String, java.util.concurrent.CompletableFuture<Map<String, io.spate.sdk.DataType>>> textTypes =
            new java.util.concurrent.ConcurrentHashMap<>();
    private SyncLedger ledger;
    private BackgroundCheckpoints checkpoints;

    ObjectReading(Configuration config, ObjectStore store, Listing listing, Operations ops, List<String> primaryKey) {
        this.config = config;
        this.store = store;
        this.listing = listing;
        this.ops = ops;
        this.lineKeyed = primaryKey.equals(List.of(SystemColumns.FILE, SystemColumns.LINE));
        this.formats = new FormatSeam(config);
        this.onError = formats.options().onError();
        this.checkpointIntervalNanos = config.get(FileSourceOptions.CHECKPOINT_INTERVAL).toNanos();
        this.checkpointRows = config.get(FileSourceOptions.CHECKPOINT_ROWS);
        this.inferTypes = config.get(FileSourceOptions.INFER_TYPES);
        this.filter = config.find(FileSourceOptions.FILTER).map(Filter::parse);
    }

    /** What a run did with one table's objects: reported in one log line per table at the end. */
    private static final class TableCounts {
        int listed;
        int pruned;
        int read;
        final java.util.concurrent.atomic.LongAdder gets = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder filteredRows = new java.util.concurrent.atomic.LongAdder();
    }

    void run(State state) throws InterruptedException {
        boolean full = config.get(FileSourceOptions.MODE) == FileSourceOptions.Mode.FULL;
        int maxEntries = config.get(FileSourceOptions.HISTORY_SIZE);
        Duration lookback = config.get(FileSourceOptions.LOOKBACK);
        ledger = SyncLedger.from(full ? State.empty() : state, maxEntries, lookback);
        List<ReadTask> tasks = plan(full);
        if (full) {
            listing.tables().keySet().forEach(ops::truncate);
        }
        checkpoints = BackgroundCheckpoints.coalescing("spate-files-checkpoints", this::commit);
        Throwable failure = null;
        try {
            execute(tasks);
        } catch (RuntimeException | InterruptedException | Error e) {
            failure = e;
            throw e;
        } finally {
            checkpoints.close(failure); // no commit runs on its thread after: a failed one fails the run
        }
        checkpoints.commitNow();
        counts.forEach((table, c) -> LOG.info("{} table {}: {} files listed, {} pruned by the filter, {} read, {} GET requests{}",
                store.location(), table, c.listed, c.pruned, c.read, c.gets.sum(), filter.isEmpty() ? ""
                        : ", " + c.filteredRows.sum() + " rows filtered out"));
        counts.values().forEach(c -> {
            ops.count("files listed", c.listed);
            ops.count("files pruned", c.pruned);
            ops.count("files read", c.read);
            ops.count("GET requests", c.gets.sum());
            if (!filter.isEmpty()) {
                ops.count("rows filtered out", c.filteredRows.sum());
            }
        });
        if (skippedObjects.get() > 0) {
            ops.warning(skippedObjects.get() + " objects could not be read and were skipped (on_error: "
                    + onError.name().toLowerCase(java.util.Locale.ROOT) + "); they are tried again next run");
        }
    }

    private List<ReadTask> plan(boolean full) {
        List<ReadTask> tasks = new ArrayList<>();
        int unchanged = 0;
        int changed = 0;
        int resumed = 0;
        int pruned = 0;
        for (Map.Entry<String, List<Listing.Listed>> table : listing.tables().entrySet()) {
            List<Listing.Listed> objects = table.getValue();
            java.util.Set<String> partitions = new java.util.LinkedHashSet<>();
            objects.forEach(listed -> partitions.addAll(listed.partitions().keySet()));
            partitionColumns.put(table.getKey(), partitions);
            TableCounts tableCounts = counts.computeIfAbsent(table.getKey(), t -> new TableCounts());
            tableCounts.listed = objects.size();
            for (Listing.Listed listed : objects) {
                if (filter.isPresent() && !filter.get().canMatch(listed.partitions(), partitions)) {
                    tableCounts.pruned++;
                    pruned++;
                    continue; // never opened, nor remembered: a later run with another filter reads it
                }
                FileHistory.Decision decision = full ? new FileHistory.Decision.New() : ledger.decide(listed.table(), listed.object());
                OptionalLong previous = OptionalLong.empty();
                ReadTask.Start start = ReadTask.Start.BEGINNING;
                if (decision instanceof FileHistory.Decision.Unchanged) {
                    unchanged++;
                    continue;
                }
                if (decision instanceof FileHistory.Decision.Changed c) {
                    changed++;
                    previous = OptionalLong.of(c.previousRecords());
                }
                if (decision instanceof FileHistory.Decision.Resume r) {
                    resumed++;
                    previous = r.previousRecords();
                    start = new ReadTask.Start(r.offset(), r.records());
                }
                ReadTask task = new ReadTask(listed.table(), listed.object(), store.uriOf(listed.object().key()),
                        listed.relativeKey(), listed.partitions(), previous, start);
                tasks.add(task);
                tableCounts.read++;
                tasksByTable.computeIfAbsent(task.table(), t -> new ArrayList<>()).add(task);
            }
        }
        LOG.info("{}: {} objects in {} tables; reading {} ({} changed, {} resumed), {} unchanged, {} pruned by the filter",
                store.location(), listing.objectCount(), listing.tables().size(), tasks.size(), changed, resumed, unchanged, pruned);
        return tasks;
    }

    private void execute(List<ReadTask> tasks) throws InterruptedException {
        if (tasks.isEmpty()) {
            return;
        }
        int workers = Math.min(config.get(FileSourceOptions.PARALLELISM), tasks.size());
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "spate-files-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<ReadTask> completion = new ExecutorCompletionService<>(pool);
        try {
            for (ReadTask task : tasks) {
                completion.submit(() -> {
                    read(task);
                    return task;
                });
            }
            for (int done = 0; done < tasks.size(); done++) {
                Future<ReadTask> finished = completion.take();
                try {
                    finished.get();
                } catch (ExecutionException e) {
                    throw rethrown(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
                LOG.warn("readers of {} did not stop within 2 minutes", store.location());
            }
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new SpateException(SpateException.Category.INTERNAL, cause.toString(), cause);
    }

    /** Reads one object on a worker thread; records it in the ledger when all its rows are sent. */
    private void read(ReadTask task) throws Exception {
        ObjectSink sink = new ObjectSink(task);
        long records;
        try {
            records = readObject(task, sink);
            sink.finish();
        } catch (SpateException | java.io.IOException | java.io.UncheckedIOException e) {
            if (onError == OnError.FAIL || e instanceof SpateException se && se.category() == SpateException.Category.CONFIG) {
                throw e instanceof SpateException se ? se : new SpateException(SpateException.Category.DATA, "reading " + task.uri()
                        + " failed: " + e.getMessage(), e);
            }
            ops.warning("skipped " + task.uri() + ": " + e.getMessage());
            deleteLines(task, 1, sink.lastRecord());
            ledger.abandoned(task.table(), task.object());
            skippedObjects.incrementAndGet();
            return;
        }
        if (task.previousRecords().isPresent() && task.previousRecords().getAsLong() > records) {
            deleteLines(task, records + 1, task.previousRecords().getAsLong());
        }
        ledger.completed(task.table(), task.object(), records);
        if (System.nanoTime() - lastCheckpointNanos.get() >= checkpointIntervalNanos) {
            // the workers read on while it commits: every row of the object was sent before it was recorded, so
            // the commit (which takes the ledger before it seals the buffers) holds them
            checkpoints.requestCommit();
        }
    }

    /** Reads an object whole, or split into byte ranges parsed in parallel when it is large enough. */
    private long readObject(ReadTask task, ObjectSink sink) throws java.io.IOException, InterruptedException {
        Runnable countGet = counts.get(task.table()).gets::increment;
        String key = task.object().key();
        RangeOpener opener = (offset, length) -> store.open(key, offset, offset + length, countGet);
        Optional<Splitting.Plan> plan = splitPlan(task, opener);
        ReadTask.Start start = task.start();
        if (!start.isBeginning()) {
            LOG.info("{}: resuming at byte {} after record {}", task.uri(), start.offset(), start.recordsBefore());
            plan = Optional.of(remainder(plan.orElse(Splitting.single(task.object().size(), "resumed")), start.offset()));
        }
        if (plan.isPresent()) {
            Format format = Format.resolve(formats.options().format(), task.object().name());
            try {
                return SplitReading.read(task.uri(), format, plan.get(), opener, task.object().size(), formats.options(),
                        config.get(FileSourceOptions.PARALLELISM), start.recordsBefore(), sink, sink::rangeDone);
            } catch (MisalignedSplitException e) {
                // reading it whole sends the same rows for the same lines again, so what was sent stays exact
                LOG.warn("{}: a split point fell inside a quoted field ({}); reading it with one reader", task.uri(), e.getMessage());
            }
        }
        try (InputStream in = store.open(key, 0, -1, countGet)) {
            return formats.read(task, in, store.localFile(key), sink);
        }
    }

    /**
     * The ranges of a plan from byte {@code offset} on: an earlier run's range end, so a record boundary even
     * when this run's ranges (another {@code split_bytes}) do not start there.
     */
    static Splitting.Plan remainder(Splitting.Plan plan, long offset) {
        List<Long> starts = new ArrayList<>(List.of(offset));
        plan.ranges().stream().map(ByteRange::start).filter(s -> s > offset).forEach(starts::add);
        long end = plan.ranges().get(plan.ranges().size() - 1).end();
        List<ByteRange> ranges = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            ranges.add(new ByteRange(i, starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : end));
        }
        return new Splitting.Plan(ranges, Optional.empty());
    }

    /**
     * The ranges of a large uncompressed CSV, TSV or TXT object (JSONL is read whole: its columns are
     * found while reading, which ranges read apart would find in different orders); empty to read it whole.
     */
    private Optional<Splitting.Plan> splitPlan(ReadTask task, RangeOpener opener)
            throws java.io.IOException {
        long splitBytes = config.get(FileSourceOptions.SPLIT_BYTES);
        int parallelism = config.get(FileSourceOptions.PARALLELISM);
        FormatOptions options = formats.options();
        String name = task.object().name();
        if (parallelism < 2 || task.object().size() < 2 * Math.max(splitBytes, Splitting.MIN_RANGE_BYTES)
                || !(options.compression().equalsIgnoreCase("auto") || options.compression().equalsIgnoreCase("none"))
                || Compression.byExtension(name).isPresent()) {
            return Optional.empty();
        }
        Format format = Format.resolve(options.format(), name);
        if (format != Format.CSV && format != Format.TSV && format != Format.TXT) {
            return Optional.empty();
        }
        byte[] head;
        try (InputStream in = opener.open(0, 16)) {
            head = in.readAllBytes();
        }
        if (Compression.byMagic(head, head.length).isPresent()) {
            return Optional.empty();
        }
        Splitting.Plan plan = Splitting.plan(format, task.uri(), task.object().size(),
                Compression.NONE, options, splitBytes, opener);
        if (!plan.isSplit()) {
            LOG.info("{}: read whole: {}", task.uri(), plan.readWholeBecause().orElse("one range"));
            return Optional.empty();
        }
        LOG.info("{}: {} byte ranges read in parallel", task.uri(), plan.ranges().size());
        return Optional.of(plan);
    }

    /**
     * The inferred types of a table's text columns: the first worker to need them samples the newest objects
     * of the table that this run reads; the others wait for it.
     */
    private Map<String, io.spate.sdk.DataType> textTypesOf(String table) {
        if (!inferTypes) {
            return Map.of();
        }
        java.util.concurrent.CompletableFuture<Map<String, io.spate.sdk.DataType>> mine = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Map<String, io.spate.sdk.DataType>> existing = textTypes.putIfAbsent(table, mine);
        if (existing != null) {
            return existing.join();
        }
        try {
            List<ReadTask> newestFirst = new ArrayList<>(tasksByTable.getOrDefault(table, List.of()));
            newestFirst.sort(java.util.Comparator.comparing((ReadTask t) -> t.object().lastModified()).reversed()
                    .thenComparing(t -> t.object().key()));
            Map<String, io.spate.sdk.DataType> types = formats.inferTextTypes(newestFirst,
                    t -> store.open(t.object().key(), 0, -1, counts.get(table).gets::increment));
            mine.complete(types);
            return types;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Declares the types inferred for a table's text columns as {@link io.spate.sdk.Column#inferred}: the
     * runtime parses the text values sent for them as those types and widens a column when a value does not
     * fit, so nothing is lost because a sample missed a value. Types declared with {@code columns:} were
     * declared in {@code schema()} and keep theirs.
     */
    private void declareInferredTypes(String table, Map<String, io.spate.sdk.DataType> types) {
        if (types.isEmpty()) {
            return;
        }
        List<io.spate.sdk.Column> columns = new ArrayList<>();
        types.forEach((name, type) -> columns.add(io.spate.sdk.Column.inferred(name, type)));
        ops.declare(io.spate.sdk.TableSpec.builder(table).columns(columns).build());
    }

    /** Soft-deletes lines {@code from..to} of an object (only when rows are keyed by file and line). */
    private void deleteLines(ReadTask task, long from, long to) {
        if (!lineKeyed || from > to) {
            return;
        }
        Map<String, Object> key = new HashMap<>();
        key.put(SystemColumns.FILE, task.uri());
        for (long line = from; line <= to; line++) {
            key.put(SystemColumns.LINE, line);
            ops.delete(task.table(), key);
        }
    }

    /** Commits the ledger as it is now; {@link #checkpoints} runs it, never two at once. */
    private void commit() {
        int droppedInsideLookback = ledger.bound();
        if (droppedInsideLookback > 0) {
            ops.warning(droppedInsideLookback + " synced objects modified within lookback " + config.get(FileSourceOptions.LOOKBACK)
                    + " of the newest were forgotten to keep history_size " + config.get(FileSourceOptions.HISTORY_SIZE)
                    + "; objects arriving late with older timestamps may be missed: raise history_size");
        }
        ops.checkpoint(ledger.snapshot());
        lastCheckpointNanos.set(System.nanoTime());
    }

    /** Turns one object's records into rows of its table, with partition and file columns. */
    private final class ObjectSink implements FormatSeam.RecordSink {
        private final ReadTask task;
        private Operations.RowWriter writer;
        private Object[] row;
        private boolean selfSampling;
        private List<String> columnNames = List.of();
        private final List<Object[]> sample = new ArrayList<>();
        private long sampledBytes;
        private int dataColumns;
        private RowPredicate predicate;
        private long lastRecord;
        private int badRecords;
        private long sentSinceRangeOrCheckpoint;

        ObjectSink(ReadTask task) {
            this.task = task;
            this.lastRecord = task.start().recordsBefore();
        }

        /**
         * Every record before byte {@code end} was handed on: sends what waits for its types, records how far the
         * object got and checkpoints, so that the commit holds the range's rows and a later run resumes after them.
         */
        void rangeDone(long end, long records) {
            flushSample();
            sentSinceRangeOrCheckpoint = 0;
            ledger.progressed(task.table(), task.object(), end, records);
            checkpoints.tryCommitNow();
        }

        long lastRecord() {
            return lastRecord;
        }

        @Override
        public void columns(List<String> names, boolean text) {
            flushSample();
            List<String> columns = new ArrayList<>(names);
            List<String> partitionValues = new ArrayList<>();
            task.partitions().forEach((name, value) -> {
                if (!columns.contains(name)) {
                    columns.add(name);
                    partitionValues.add(value);
                }
            });
            if (filter.isPresent()) {
                // the filter may name a partition column this object's path lacks: null here, as in the table
                partitionColumns.getOrDefault(task.table(), java.util.Set.of()).stream().filter(c -> !columns.contains(c))
                        .forEach(c -> {
                            columns.add(c);
                            partitionValues.add(null);
                        });
            }
            columns.add(SystemColumns.FILE);
            columns.add(SystemColumns.LINE);
            dataColumns = names.size();
            row = new Object[columns.size()];
            for (int i = 0; i < partitionValues.size(); i++) {
                row[dataColumns + i] = partitionValues.get(i);
            }
            row[row.length - 2] = task.uri();
            selfSampling = text && inferTypes && tasksByTable.getOrDefault(task.table(), List.of()).size() == 1;
            if (text && !selfSampling) {
                declareInferredTypes(task.table(), textTypesOf(task.table()));
            }
            columnNames = List.copyOf(names);
            predicate = filter.map(f -> f.bind(columns)).orElse(null);
            writer = ops.rowWriter(task.table(), columns);
        }

        /**
         * A table of one object infers its types from the object itself: its first records (up to
         * sample_bytes) wait here, then go out typed, so the object is fetched once.
         */
        private void sample(Object[] values) {
            sample.add(values.clone());
            for (int i = 0; i < dataColumns; i++) {
                if (values[i] instanceof String text) {
                    sampledBytes += text.length() + 1;
                }
            }
            if (sampledBytes >= formats.options().sampleBytes()) {
                flushSample();
            }
        }

        private void flushSample() {
            if (!selfSampling) {
                return;
            }
            Map<String, io.spate.sdk.DataType> types = new HashMap<>();
            for (Object[] values : sample) {
                for (int i = 0; i < dataColumns; i++) {
                    if (values[i] instanceof String text) {
                        io.spate.sdk.DataType type = io.spate.types.TextValues.inferType(text);
                        if (type != null) {
                            types.merge(columnNames.get(i), type, io.spate.types.TypeWidening::widen);
                        }
                    }
                }
            }
            declareInferredTypes(task.table(), types);
            selfSampling = false;
            for (Object[] values : sample) {
                if (passes(values)) {
                    writer.upsert(values);
                }
            }
            sample.clear();
        }

        /** Sends what still waits for the types (a small object ends before its sample is full). */
        void finish() {
            flushSample();
        }

        @Override
        public void record(Object[] values, long recordNumber) {
            lastRecord = recordNumber;
            System.arraycopy(values, 0, row, 0, dataColumns);
            row[row.length - 1] = recordNumber;
            if (selfSampling) {
                sample(row);
                return;
            }
            if (passes(row)) {
                writer.upsert(row);
                if (++sentSinceRangeOrCheckpoint == checkpointRows) {
                    // no progress is recorded: after a stop the object is read again and its rows overwrite
                    sentSinceRangeOrCheckpoint = 0;
                    checkpoints.tryCommitNow();
                }
            }
        }

        /**
         * Whether a typed row passes the filter. A row filtered out of a changed object deletes what its line
         * held before; a value the filter cannot compare is a bad record, placed by object and record.
         */
        private boolean passes(Object[] values) {
            if (predicate == null) {
                return true;
            }
            long recordNumber = (Long) values[values.length - 1];
            boolean passes;
            try {
                passes = predicate.test(values);
            } catch (SpateException e) {
                String message = task.uri() + " record " + recordNumber + ": " + e.getMessage();
                if (onError == OnError.FAIL || e.category() != SpateException.Category.DATA) {
                    throw new SpateException(e.category(), message, e);
                }
                bad(recordNumber, message, java.util.Arrays.toString(java.util.Arrays.copyOf(values, dataColumns)));
                return false;
            }
            if (!passes) {
                counts.get(task.table()).filteredRows.increment();
                if (task.previousRecords().isPresent() && recordNumber <= task.previousRecords().getAsLong()) {
                    deleteLines(task, recordNumber, recordNumber);
                }
            }
            return passes;
        }

        @Override
        public void bad(long recordNumber, String message, String rawText) {
            lastRecord = Math.max(lastRecord, recordNumber);
            badRecords++;
            if (badRecords <= BAD_RECORD_WARNINGS_PER_OBJECT) {
                ops.warning((onError == OnError.SKIP ? "skipped: " : "quarantined: ") + message);
            }
            if (onError == OnError.QUARANTINE) {
                Map<String, Object> reject = new HashMap<>();
                reject.put("table", task.table());
                reject.put(SystemColumns.FILE, task.uri());
                reject.put(SystemColumns.LINE, recordNumber);
                reject.put("reason", message);
                reject.put("raw", rawText);
                ops.upsert(REJECTS, reject);
            }
        }
    }
}
