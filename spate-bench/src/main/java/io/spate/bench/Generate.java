package io.spate.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the benchmark data sets of {@link Orders} rows. Every file is written under a temporary name and
 * renamed when complete, so a half-written file is never taken for data. Each file also gets the
 * {@code user.content-md5} extended attribute where the file system allows it: S3Proxy's filesystem store
 * serves the files as objects and takes their ETag from it.
 *
 * <pre>
 * Generate csv FILE ROWS                    one CSV with a header, orders 1..ROWS
 * Generate csv-gz DIR FILES ROWS_PER_FILE   DIR/orders-00.csv.gz ..., consecutive orders
 * Generate jsonl-gz DIR FILES               DIR/part-00000.jsonl.gz ..., 2 KB to 200 KB each (log-uniform)
 * </pre>
 */
public final class Generate {
    private static final int CHUNK_ROWS = 50_000;
    /** Rows per small JSONL file: log-uniform in this range gives gzipped files of about 2 KB to 200 KB. */
    private static final int JSONL_MIN_ROWS = 100;
    private static final int JSONL_MAX_ROWS = 10_000;

    private Generate() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: Generate csv FILE ROWS | csv-gz DIR FILES ROWS_PER_FILE | jsonl-gz DIR FILES");
        }
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            switch (args[0]) {
                case "csv" -> csv(pool, Path.of(args[1]), Long.parseLong(args[2]));
                case "csv-gz" -> csvGz(pool, Path.of(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
                case "jsonl-gz" -> jsonlGz(pool, Path.of(args[1]), Integer.parseInt(args[2]));
                default -> throw new IllegalArgumentException("unknown data set " + args[0]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void csv(ExecutorService pool, Path file, long rows) throws Exception {
        writeAtomically(file, false, out -> {
            out.write(OrdersText.CSV_HEADER.getBytes(StandardCharsets.US_ASCII));
            writeChunked(pool, 1, rows, OrdersText::appendCsv, out);
        });
        System.out.printf("wrote %s: %,d rows, %,d bytes%n", file, rows, Files.size(file));
    }

    private static void csvGz(ExecutorService pool, Path dir, int files, long rowsPerFile) throws Exception {
        for (int f = 0; f < files; f++) {
            Path file = dir.resolve(String.format("orders-%02d.csv.gz", f));
            long first = f * rowsPerFile + 1;
            writeAtomically(file, true, out -> {
                out.write(OrdersText.CSV_HEADER.getBytes(StandardCharsets.US_ASCII));
                writeChunked(pool, first, rowsPerFile, OrdersText::appendCsv, out);
            });
        }
        System.out.printf("wrote %d files of %,d rows under %s%n", files, rowsPerFile, dir);
    }

    private static void jsonlGz(ExecutorService pool, Path dir, int files) throws Exception {
        Random random = new Random(42);
        long[] first = new long[files + 1];
        first[0] = 1;
        double span = Math.log((double) JSONL_MAX_ROWS / JSONL_MIN_ROWS);
        for (int f = 0; f < files; f++) {
            first[f + 1] = first[f] + Math.round(JSONL_MIN_ROWS * Math.exp(random.nextDouble() * span));
        }
        Deque<Future<?>> pending = new ArrayDeque<>();
        for (int f = 0; f < files; f++) {
            int index = f;
            pending.add(pool.submit(() -> {
                Path file = dir.resolve(String.format("part-%05d.jsonl.gz", index));
                writeAtomically(file, true, out -> {
                    StringBuilder text = new StringBuilder();
                    OrdersText orders = new OrdersText();
                    for (long n = first[index]; n < first[index + 1]; n++) {
                        orders.appendJson(n, text);
                    }
                    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                });
                return null;
            }));
        }
        for (Future<?> write : pending) {
            write.get();
        }
        System.out.printf("wrote %d files, %,d rows under %s%n", files, first[files] - 1, dir);
    }

    /** Formats rows first..first+rows-1 in chunks on the pool and writes the chunks in order. */
    private static void writeChunked(ExecutorService pool, long first, long rows, RowFormat format, OutputStream out)
            throws IOException, InterruptedException, ExecutionException {
        Deque<Future<byte[]>> pending = new ArrayDeque<>();
        long end = first + rows;
        for (long start = first; start < end; start += CHUNK_ROWS) {
            long from = start;
            long to = Math.min(end, start + CHUNK_ROWS);
            pending.add(pool.submit(() -> chunk(from, to, format)));
            if (pending.size() > 4) {
                out.write(pending.poll().get());
            }
        }
        while (!pending.isEmpty()) {
            out.write(pending.poll().get());
        }
    }

    private static byte[] chunk(long from, long to, RowFormat format) {
        StringBuilder text = new StringBuilder((int) (to - from) * 96);
        OrdersText orders = new OrdersText();
        for (long n = from; n < to; n++) {
            format.append(orders, n, text);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private interface RowFormat {
        void append(OrdersText orders, long n, StringBuilder out);
    }

    private interface Body {
        void write(OutputStream out) throws Exception;
    }

    private static void writeAtomically(Path file, boolean gzip, Body body) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        MessageDigest md5 = md5();
        try (OutputStream raw = new DigestOutputStream(Files.newOutputStream(partial), md5);
                OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : new java.io.BufferedOutputStream(raw, 1 << 16)) {
            body.write(out);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        recordMd5(file, md5.digest());
    }

    private static void recordMd5(Path file, byte[] digest) {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            view.write("user.content-md5", ByteBuffer.wrap(digest)); // S3Proxy's name, seen by the OS as user.user.content-md5
        } catch (IOException | UnsupportedOperationException e) {
            // a file system without user xattrs: S3Proxy then computes the ETag itself
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }
}
