package io.spate.lake;

import static java.util.Objects.requireNonNull;

import io.spate.batch.ColumnVector;
import io.spate.batch.RowBatch;
import io.spate.destination.CommittedState;
import io.spate.destination.Destination;
import io.spate.destination.TableSchema;
import io.spate.format.write.FormatWriter;
import io.spate.lake.CommitManifest.PublishedFile;
import io.spate.lake.LakeOptions.Mode;
import io.spate.lake.parquet.ParquetFileWriter;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import io.spate.sdk.SpateException.Category;
import io.spate.sdk.State;
import io.spate.sdk.SystemColumns;
import io.spate.storage.LocalObjectStore;
import io.spate.storage.ObjectInfo;
import io.spate.storage.ObjectStore;
import io.spate.storage.ObjectStore.ObjectOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data lake: each table's rows become files (Parquet, Avro, CSV, TSV, JSON, JSONL) under a key prefix of an
 * object store (S3 or a local directory).
 *
 * <h2>Atomic publish</h2>
 * Files are written to staged keys under {@code <root>_spate/<pipeline>/tmp/<run>/} while the round lasts.
 * {@link #commit} finishes every open file, then writes the commit manifest
 * {@code <root>_spate/<pipeline>/commits/<sequence>.json} (the files to publish, the keys to delete and the
 * connector's state): that one object is the commit. Then the staged files are renamed to their final keys
 * and the deletions made. After a crash, {@link #loadState} finds the last manifest, finishes its renames and
 * deletions (doing them twice changes nothing) and removes every staged file left by the crashed run, so no
 * partial file and no file of an uncommitted round is ever visible, and none is visible twice. File names are
 * deterministic ({@code part-<generation>-<run>-<round>-<n>}), so a retried upload overwrites its own object.
 *
 * <h2>Operations</h2>
 * Upserts append rows with {@code _spate_deleted = false}; deletes append the key with
 * {@code _spate_deleted = true}; a truncate deletes the table's files written before it (at the commit);
 * partial updates are not supported (a lake file holds whole rows). Readers that need the current rows take
 * the latest row of each key ({@code _spate_synced}) and drop deleted ones.
 *
 * <p>Called from one thread at a time, as {@link Destination} says; files are finished in parallel at commits.
 */
public final class LakeDestination implements Destination {
    private static final Logger LOG = LoggerFactory.getLogger(LakeDestination.class);
    /** Commit manifests kept per pipeline: enough to undo a checkpoint sent again after a crash. */
    private static final int MANIFESTS_KEPT = 16;
    private static final String HIVE_NULL = "__HIVE_DEFAULT_PARTITION__";

    /**
     * What the destination was configured with.
     *
     * @param template the key template of tables' files
     * @param format the file format
     * @param mode append or replace
     * @param partitionBy columns written as hive directories
     * @param fileMaxBytes a file is closed past this size
     * @param fileMaxRows a file is closed at this many rows
     * @param parallelism files finished and uploaded at once
     */
    public record Settings(KeyTemplate template, LakeFormat format, Mode mode, List<String> partitionBy, long fileMaxBytes,
            long fileMaxRows, int parallelism) {
        public Settings {
            requireNonNull(template, "template is null");
            requireNonNull(format, "format is null");
            requireNonNull(mode, "mode is null");
            partitionBy = List.copyOf(partitionBy);
        }
    }

    private final ObjectStore store;
    private final Settings settings;
    private final String root;
    private final String runId;
    private final ParquetFileWriter parquet;
    private final Clock clock;
    private final ExecutorService finishers;
    private final Map<String, TableFiles> tables = new LinkedHashMap<>();
    private final List<PublishedFile> roundFiles = new ArrayList<>();
    private final Set<String> truncatedThisRound = new LinkedHashSet<>();
    private final Set<String> generationScopes = new LinkedHashSet<>();
    private String pipelineId = "default";
    private String generation;
    private LocalDate generationDate;
    private long round = 1;
    private boolean closed;

    /**
     * A lake destination over {@code store}, which it closes when closed.
     *
     * @param runId this run's id; file names and staging keys carry it
     * @param parquet the Parquet encoder
     */
    public LakeDestination(ObjectStore store, Settings settings, String runId, ParquetFileWriter parquet, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.root = settings.template().root();
        this.runId = safeId(runId);
        this.parquet = requireNonNull(parquet, "parquet is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.generation = this.runId;
        this.generationDate = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        this.finishers = Executors.newFixedThreadPool(settings.parallelism(), r -> {
            Thread thread = new Thread(r, "spate-lake-finish");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A local store writes an object to a hidden temporary file first, which a killed process leaves behind
     * and listings do not show: under this pipeline's staging directory, any such file is a dead run's.
     */
    private void deleteLocalPartialFiles() {
        if (!(store instanceof LocalObjectStore local)) {
            return;
        }
        Path staging = local.root().resolve(pipelineRoot() + "tmp/");
        if (!java.nio.file.Files.isDirectory(staging)) {
            return;
        }
        try (Stream<Path> files = java.nio.file.Files.walk(staging)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove partial files under {}: {}", staging, e.getMessage());
        }
    }

    @Override
    public Optional<CommittedState> loadState(String pipeline) {
        this.pipelineId = safeId(pipeline);
        List<ObjectInfo> manifests = manifests();
        Optional<CommitManifest> latest = manifests.isEmpty() ? Optional.empty()
                : Optional.of(readManifest(manifests.get(manifests.size() - 1).key()));
        Set<String> staged = keys(pipelineRoot() + "tmp/");
        if (latest.isPresent()) {
            apply(latest.get(), staged);
        }
        // what is still staged belongs to rounds that never committed
        deleteAll(keys(pipelineRoot() + "tmp/"));
        deleteLocalPartialFiles();
        if (latest.isPresent()) {
            Optional<CommitManifest.GenerationEnd> end = generationEnd(latest.get().generation());
            if (end.isEmpty()) {
                generation = latest.get().generation();
                generationDate = LocalDate.parse(latest.get().generationDate());
                generationScopes.addAll(latest.get().replaceScopes());
                LOG.info("lake {}: continuing generation {} of pipeline {} after an interrupted run", store.location(), generation, pipeline);
            } else if (!end.get().replaceScopes().isEmpty()) {
                endGeneration(end.get());
            }
        }
        return latest.map(m -> new CommittedState(m.sequence(), m.connectorState()));
    }

    @Override
    public void ensureTable(TableSchema schema) {
        checkOpen();
        List<Column> columns = fileColumns(schema);
        TableFiles table = tables.get(schema.qualifiedName());
        if (table != null && table.columns.equals(columns)) {
            table.schema = schema;
            return;
        }
        for (String partition : settings.partitionBy()) {
            if (schema.column(partition).isEmpty()) {
                throw SpateException.config("partition_by column \"" + partition + "\" is not a column of table "
                        + schema.qualifiedName() + " (its columns: " + schema.columns().stream().map(Column::name).toList() + ")");
            }
        }
        String schemaName = schema.schema().orElse("default");
        String tableName = schema.schema().isPresent() && !settings.template().text().contains("{schema}")
                ? schema.qualifiedName() : schema.name();
        Optional<String> scope = settings.template().tableScope(schemaName, tableName);
        if (settings.mode() == Mode.REPLACE && scope.isEmpty()) {
            throw SpateException.config("mode replace needs {table} before any {date}, {yyyy}, {mm}, {dd} or {run_id} in key \""
                    + settings.template().text() + "\", so that one prefix holds one table's files");
        }
        if (table == null) {
            table = new TableFiles(schema.qualifiedName(), schema.name(),
                    settings.template().prefix(schemaName, tableName, generationDate, generation), scope);
            tables.put(schema.qualifiedName(), table);
        } else {
            finishAll(table);
        }
        table.schema = schema;
        table.columns = columns;
        table.partitionColumns = settings.partitionBy().stream().mapToInt(p -> indexOf(columns, p)).toArray();
    }

    @Override
    public void write(RowBatch batch) {
        checkOpen();
        ensureTable(batch.table());
        TableFiles table = tables.get(batch.table().qualifiedName());
        switch (batch.kind()) {
            case UPSERT -> append(table, batch, false);
            case DELETE -> append(table, batch, true);
            case TRUNCATE -> truncate(table);
            case UPDATE -> throw SpateException.unsupported("table " + table.qualifiedName + ": the lake destination does not "
                    + "support partial updates (files hold whole rows); send the whole row with upsert instead");
        }
    }

    private void append(TableFiles table, RowBatch batch, boolean deleted) {
        int rows = batch.rowCount();
        if (rows == 0) {
            return;
        }
        List<ColumnVector> vectors = new ArrayList<>(table.columns.size());
        for (Column column : table.columns) {
            switch (column.name()) {
                case SystemColumns.SYNCED -> vectors.add(Vectors.constantLong(DataType.UTC_DATETIME,
                        ColumnVector.microsOf(batch.syncedAt()), rows));
                case SystemColumns.DELETED -> vectors.add(Vectors.constantLong(DataType.BOOLEAN, deleted ? 1 : 0, rows));
                default -> {
                    int index = batch.columnNames().indexOf(column.name());
                    vectors.add(index < 0 ? Vectors.nulls(column.type(), rows) : Vectors.conform(batch.vectors().get(index),
                            column.type(), "table " + table.qualifiedName + " column \"" + column.name() + "\""));
                }
            }
        }
        if (table.partitionColumns.length == 0) {
            writeRows(table, "", vectors, io.spate.format.write.Selection.all(rows), rows);
            return;
        }
        Map<String, int[]> groups = new LinkedHashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (int row = 0; row < rows; row++) {
            String path = partitionPath(table, vectors, row);
            int[] group = groups.computeIfAbsent(path, p -> new int[16]);
            int size = sizes.getOrDefault(path, 0);
            if (size == group.length) {
                group = Arrays.copyOf(group, size * 2);
                groups.put(path, group);
            }
            group[size] = row;
            sizes.put(path, size + 1);
        }
        groups.forEach((path, group) -> writeRows(table, path, vectors, group, sizes.get(path)));
    }

    private String partitionPath(TableFiles table, List<ColumnVector> vectors, int row) {
        StringBuilder path = new StringBuilder();
        for (int index : table.partitionColumns) {
            ColumnVector vector = vectors.get(index);
            String value = vector.isNull(row) ? HIVE_NULL : escapePartitionValue(Vectors.text(vector.getValue(row)));
            path.append(escapePartitionValue(table.columns.get(index).name())).append('=').append(value).append('/');
        }
        return path.toString();
    }

    /** Hive's escaping of directory names: {@code %XX} for characters a path or a reader would misread. */
    static String escapePartitionValue(String text) {
        if (text.isEmpty()) {
            return HIVE_NULL;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < 0x20 || ch == 0x7F || "\"#%'*/:=?\\{[]^".indexOf(ch) >= 0) {
                out.append('%').append(String.format("%02X", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private void writeRows(TableFiles table, String partition, List<ColumnVector> vectors, int[] rows, int count) {
        int offset = 0;
        while (offset < count) {
            OpenFile file = table.open.get(partition);
            if (file == null) {
                file = openFile(table, partition);
                table.open.put(partition, file);
            }
            long room = settings.fileMaxRows() - file.writer().rowCount();
            int n = (int) Math.min(room, count - offset);
            int[] slice = offset == 0 && n == rows.length ? rows : Arrays.copyOfRange(rows, offset, offset + n);
            try {
                file.writer().write(vectors, slice, n);
            } catch (IOException | UncheckedIOException e) {
                throw new SpateException(Category.RETRIABLE, "writing " + store.uriOf(file.staged()) + " failed: " + e.getMessage(), e);
            }
            offset += n;
            if (file.writer().rowCount() >= settings.fileMaxRows() || file.writer().bytesWritten() >= settings.fileMaxBytes()) {
                table.open.remove(partition);
                roundFiles.add(finish(file));
            }
        }
    }

    private OpenFile openFile(TableFiles table, String partition) {
        String stem = generation.equals(runId) ? runId : generation + "-" + runId;
        String key = table.prefix + partition + "part-" + stem + "-" + String.format("%06d", round) + "-"
                + String.format("%05d", ++table.filesThisRound) + settings.format().extension();
        String staged = stagingRoot() + key.substring(root.length()) + ".staged";
        ObjectOutput output = store.create(staged);
        try {
            Set<String> nonNullable = Set.of(SystemColumns.SYNCED, SystemColumns.DELETED);
            FormatWriter writer = settings.format().open(table.name, table.columns, nonNullable,
                    Map.of("spate.table", table.qualifiedName, "spate.run_id", runId), output, parquet);
            return new OpenFile(table.qualifiedName, key, staged, output, writer);
        } catch (IOException | RuntimeException e) {
            output.abort();
            throw e instanceof SpateException se ? se : new SpateException(Category.INTERNAL, "cannot start file "
                    + store.uriOf(staged) + ": " + e.getMessage(), e);
        }
    }

    private PublishedFile finish(OpenFile file) {
        try {
            file.writer().close();
        } catch (IOException | UncheckedIOException e) {
            file.output().abort();
            throw new SpateException(Category.RETRIABLE, "finishing " + store.uriOf(file.staged()) + " failed: " + e.getMessage(), e);
        }
        return new PublishedFile(file.staged(), file.key(), file.table(), file.writer().rowCount());
    }

    private void finishAll(TableFiles table) {
        List<OpenFile> files = new ArrayList<>(table.open.values());
        table.open.clear();
        roundFiles.addAll(inParallel(files, this::finish));
    }

    private void truncate(TableFiles table) {
        if (table.scope.isEmpty()) {
            throw SpateException.unsupported("table " + table.qualifiedName + ": truncate needs {table} before any per-run "
                    + "placeholder in key \"" + settings.template().text() + "\"");
        }
        table.open.values().forEach(this::abort);
        table.open.clear();
        List<PublishedFile> dropped = roundFiles.stream().filter(f -> f.table().equals(table.qualifiedName)).toList();
        roundFiles.removeAll(dropped);
        deleteAll(dropped.stream().map(PublishedFile::staged).toList());
        truncatedThisRound.add(table.qualifiedName);
    }

    @Override
    public void commit(String pipeline, CommittedState state) {
        checkOpen();
        this.pipelineId = safeId(pipeline);
        List<OpenFile> open = new ArrayList<>();
        tables.values().forEach(t -> {
            open.addAll(t.open.values());
            t.open.clear();
        });
        roundFiles.addAll(inParallel(open, this::finish));

        Set<String> deletes = new LinkedHashSet<>();
        Set<String> published = new HashSet<>();
        roundFiles.forEach(f -> published.add(f.key()));
        for (TableFiles table : tables.values()) {
            if (settings.mode() == Mode.REPLACE) {
                generationScopes.add(table.scope.orElseThrow());
            }
            if (truncatedThisRound.contains(table.qualifiedName)) {
                for (String key : keys(table.scope.orElseThrow())) {
                    if (!published.contains(key) && !key.startsWith(root + "_spate/")) {
                        deletes.add(key);
                    }
                }
            }
        }
        List<String> superseded = new ArrayList<>();
        for (ObjectInfo info : manifests()) {
            long sequence = sequenceOf(info.key());
            if (sequence >= state.sequence()) {
                // The run resumed from an earlier checkpoint than this lake had committed (another destination was
                // behind): the rows of these commits are being sent again, so their files go.
                CommitManifest earlier = readManifest(info.key());
                earlier.files().forEach(f -> deletes.add(f.key()));
                if (sequence > state.sequence()) {
                    superseded.add(info.key());
                }
            }
        }
        published.forEach(deletes::remove);

        CommitManifest manifest = new CommitManifest(state.sequence(), runId, generation, generationDate.toString(),
                clock.instant().toString(), CommitManifest.stateNode(state.state()), roundFiles, List.copyOf(deletes), superseded,
                List.copyOf(generationScopes));
        store.put(manifestKey(state.sequence()), manifest.toBytes());
        apply(manifest, null);
        pruneManifests(state.sequence());

        roundFiles.clear();
        truncatedThisRound.clear();
        tables.values().forEach(t -> t.filesThisRound = 0);
        round++;
    }

    /**
     * Ends this generation: the next run starts a new one. In replace mode, the files of other generations
     * under the prefixes of the tables this generation wrote are deleted now (and not before: a run that fails,
     * even right after a checkpoint, leaves the earlier files in place for its resume to replace).
     */
    @Override
    public void runCompleted(String pipeline) {
        checkOpen();
        this.pipelineId = safeId(pipeline);
        if (settings.mode() == Mode.REPLACE) {
            tables.values().forEach(t -> generationScopes.add(t.scope.orElseThrow()));
        }
        CommitManifest.GenerationEnd end = new CommitManifest.GenerationEnd(generation, List.copyOf(generationScopes));
        store.put(completionMarker(generation), end.toBytes());
        if (!end.replaceScopes().isEmpty()) {
            endGeneration(end);
        }
    }

    /** Deletes the files of other generations under a replace generation's table prefixes, then notes it done. */
    private void endGeneration(CommitManifest.GenerationEnd end) {
        String generationFiles = "part-" + end.generation() + "-";
        List<String> older = new ArrayList<>();
        for (String scope : end.replaceScopes()) {
            for (String key : keys(scope)) {
                boolean ofThisGeneration = key.substring(key.lastIndexOf('/') + 1).startsWith(generationFiles);
                if (!ofThisGeneration && !key.startsWith(root + "_spate/")) {
                    older.add(key);
                }
            }
        }
        deleteAll(older);
        store.put(completionMarker(end.generation()), new CommitManifest.GenerationEnd(end.generation(), List.of()).toBytes());
        LOG.info("lake {}: replace generation {} ended, {} older files deleted", store.location(), end.generation(), older.size());
    }

    private Optional<CommitManifest.GenerationEnd> generationEnd(String generationId) {
        String key = completionMarker(generationId);
        if (!exists(key)) {
            return Optional.empty();
        }
        try (InputStream in = store.open(key)) {
            return Optional.of(CommitManifest.GenerationEnd.parse(in.readAllBytes(), generationId, store.uriOf(key)));
        } catch (IOException e) {
            throw new SpateException(Category.RETRIABLE, "reading " + store.uriOf(key) + " failed: " + e.getMessage(), e);
        }
    }

    /** Publishes a committed manifest's files and makes its deletions; {@code staged} limits renames to these keys (recovery). */
    private void apply(CommitManifest manifest, Set<String> staged) {
        List<PublishedFile> toRename = manifest.files().stream().filter(f -> staged == null || staged.contains(f.staged())).toList();
        inParallel(toRename, f -> {
            store.rename(f.staged(), f.key());
            return f;
        });
        List<String> gone = new ArrayList<>(manifest.deletes());
        gone.addAll(manifest.superseded());
        deleteAll(gone);
    }

    private void pruneManifests(long sequence) {
        List<String> old = manifests().stream().map(ObjectInfo::key).filter(k -> sequenceOf(k) <= sequence - MANIFESTS_KEPT).toList();
        deleteAll(old);
    }

    @Override
    public void rollback() {
        tables.values().forEach(t -> {
            t.open.values().forEach(this::abort);
            t.open.clear();
        });
        deleteAll(roundFiles.stream().map(PublishedFile::staged).toList());
        roundFiles.clear();
        truncatedThisRound.clear();
    }

    @Override
    public void resetState(String pipeline) {
        this.pipelineId = safeId(pipeline);
        deleteAll(keys(pipelineRoot()));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rollbackQuietly();
        } finally {
            finishers.shutdownNow();
            store.close();
        }
    }

    private void rollbackQuietly() {
        try {
            rollback();
        } catch (RuntimeException e) {
            LOG.debug("discarding uncommitted lake files failed", e);
        }
    }

    private void abort(OpenFile file) {
        file.writer().abort();
        file.output().abort();
    }

    private <T, R> List<R> inParallel(List<T> items, java.util.function.Function<T, R> task) {
        if (items.size() <= 1 || settings.parallelism() == 1) {
            return items.stream().map(task).toList();
        }
        List<Future<R>> futures = items.stream().map(item -> finishers.submit(() -> task.apply(item))).toList();
        List<R> results = new ArrayList<>(futures.size());
        RuntimeException failure = null;
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                        : new SpateException(Category.INTERNAL, String.valueOf(e.getCause().getMessage()), e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SpateException(Category.INTERNAL, "interrupted while finishing lake files", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    private List<ObjectInfo> manifests() {
        String prefix = pipelineRoot() + "commits/";
        try (Stream<ObjectInfo> listing = store.list(prefix)) {
            return listing.filter(o -> o.key().endsWith(".json")).sorted((a, b) -> a.key().compareTo(b.key())).toList();
        }
    }

    private CommitManifest readManifest(String key) {
        try (InputStream in = store.open(key)) {
            return CommitManifest.parse(in.readAllBytes(), store.uriOf(key));
        } catch (IOException e) {
            throw new SpateException(Category.RETRIABLE, "reading " + store.uriOf(key) + " failed: " + e.getMessage(), e);
        }
    }

    private Set<String> keys(String prefix) {
        try (Stream<ObjectInfo> listing = store.list(prefix)) {
            Set<String> keys = new LinkedHashSet<>();
            listing.forEach(o -> keys.add(o.key()));
            return keys;
        }
    }

    private boolean exists(String key) {
        return keys(key).contains(key);
    }

    private void deleteAll(java.util.Collection<String> keys) {
        inParallel(List.copyOf(keys), key -> {
            store.delete(key);
            return key;
        });
    }

    private String pipelineRoot() {
        return root + "_spate/" + pipelineId + "/";
    }

    private String stagingRoot() {
        return pipelineRoot() + "tmp/" + runId + "/";
    }

    private String manifestKey(long sequence) {
        return pipelineRoot() + "commits/" + String.format("%019d", sequence) + ".json";
    }

    private String completionMarker(String generationId) {
        return pipelineRoot() + "complete/" + generationId;
    }

    private static long sequenceOf(String manifestKey) {
        String name = manifestKey.substring(manifestKey.lastIndexOf('/') + 1);
        return Long.parseLong(name.substring(0, name.indexOf('.')));
    }

    private static List<Column> fileColumns(TableSchema schema) {
        List<Column> columns = new ArrayList<>(schema.columns());
        if (schema.keyless()) {
            columns.add(Column.of(SystemColumns.ID, DataType.STRING));
        }
        columns.add(Column.of(SystemColumns.SYNCED, DataType.UTC_DATETIME));
        columns.add(Column.of(SystemColumns.DELETED, DataType.BOOLEAN));
        return List.copyOf(columns);
    }

    private static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("no column " + name);
    }

    /** An id usable in keys: itself when short and plain, else a hash of it. */
    static String safeId(String id) {
        if (id.matches("[A-Za-z0-9_.]{1,40}")) {
            return id;
        }
        String cleaned = id.replaceAll("[^A-Za-z0-9_]", "_");
        String hash = Integer.toHexString(id.hashCode());
        return (cleaned.length() > 24 ? cleaned.substring(0, 24) : cleaned) + "_" + hash;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the lake destination is closed");
        }
    }

    /** The files of one table: its columns and the open file of each partition directory. */
    private static final class TableFiles {
        final String qualifiedName;
        final String name;
        final String prefix;
        final Optional<String> scope;
        final Map<String, OpenFile> open = new LinkedHashMap<>();
        TableSchema schema;
        List<Column> columns = List.of();
        int[] partitionColumns = new int[0];
        int filesThisRound;

        TableFiles(String qualifiedName, String name, String prefix, Optional<String> scope) {
            this.qualifiedName = qualifiedName;
            this.name = name;
            this.prefix = prefix;
            this.scope = scope;
        }
    }

    /** A file being written to its staged key. */
    private record OpenFile(String table, String key, String staged, ObjectOutput output, FormatWriter writer) {
    }
}
