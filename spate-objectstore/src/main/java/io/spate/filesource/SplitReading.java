package io.spate.filesource;

import io.spate.format.ErrorHandling;
import io.spate.format.Format;
import io.spate.format.FormatOptions;
import io.spate.format.RangeOpener;
import io.spate.format.RecordReader;
import io.spate.format.Splitting;
import io.spate.sdk.SpateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One large uncompressed CSV/TSV/TXT object read as byte ranges parsed in parallel, its records handed to
 * the {@link FormatSeam.RecordSink} on the calling thread in file order with exact file-wide numbers.
 *
 * <p>Each range's reader numbers records from 1; the caller's thread takes the ranges in order and adds the
 * record counts of the ranges before (known once they ended, and they end first). A range ahead of the
 * one being handed on parses into a queue of at most {@value #QUEUED_BATCHES} batches of
 * {@value #BATCH_ROWS} records and then waits, so memory is bounded by workers x queue, not by the object;
 * ranges are started in order on a pool of {@code workers} threads, so the range being handed on always has
 * a thread and nothing waits for ever.
 *
 * <p>After each range but the last, the {@link RangeListener} hears on the calling thread that every record
 * before the range's end was handed on: the point where a later read can resume.
 */
final class SplitReading {
    static final int BATCH_ROWS = 1024;
    static final int QUEUED_BATCHES = 8;

    /** What a range's reader hands to the calling thread, in order. */
    private sealed interface Item {
        record Rows(List<Object[]> values, long[] numbers) implements Item {
        }

        record Bad(long number, String message, String rawText) implements Item {
        }

        record End(long records) implements Item {
        }

        record Failed(RuntimeException failure) implements Item {
        }
    }

    /** Told on the calling thread when all records before a range's end were handed on. */
    @FunctionalInterface
    interface RangeListener {
        /**
         * @param end the range's end, a record boundary
         * @param records the number of the last record before it
         */
        void rangeDone(long end, long records);
    }

    private SplitReading() {
    }

    /**
     * Reads every range of {@code plan}, numbering records after {@code recordsBefore} (the records before the
     * first range's start when a read resumes); returns the number of the object's last record. Throws what a range's reader threw
     * (a {@link io.spate.format.MisalignedSplitException} when a split point was wrong: the caller then reads
     * the object whole, which overwrites the same lines with the same rows).
     */
    static long read(String file, Format format, Splitting.Plan plan, RangeOpener opener, long size, FormatOptions options,
            int workers, long recordsBefore, FormatSeam.RecordSink sink, RangeListener listener) throws InterruptedException {
        List<String> columns = Splitting.columnsOf(format, file, size, opener, options);
        sink.columns(columns, format == Format.CSV || format == Format.TSV);
        List<BlockingQueue<Item>> queues = new ArrayList<>();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, plan.ranges().size()), r -> {
            Thread t = new Thread(r, "spate-ranges-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            for (var range : plan.ranges()) {
                BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
                queues.add(queue);
                pool.execute(() -> readRange(file, format, plan, range, opener, columns, options, queue));
            }
            long offset = recordsBefore;
            for (int i = 0; i < queues.size(); i++) {
                offset += handOn(queues.get(i), offset, sink);
                if (i < queues.size() - 1) {
                    listener.rangeDone(plan.ranges().get(i).end(), offset);
                }
            }
            return offset;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Hands one range's records on, numbered after {@code offset}; returns the range's record count. */
    private static long handOn(BlockingQueue<Item> queue, long offset, FormatSeam.RecordSink sink) throws InterruptedException {
        while (true) {
            Item item = queue.take();
            if (item instanceof Item.Rows rows) {
                for (int i = 0; i < rows.values().size(); i++) {
                    sink.record(rows.values().get(i), offset + rows.numbers()[i]);
                }
            } else if (item instanceof Item.Bad bad) {
                sink.bad(offset + bad.number(), bad.message(), bad.rawText());
            } else if (item instanceof Item.End end) {
                return end.records();
            } else if (item instanceof Item.Failed failed) {
                throw failed.failure();
            }
        }
    }

    private static void readRange(String file, Format format, Splitting.Plan plan, io.spate.format.ByteRange range,
            RangeOpener opener, List<String> columns, FormatOptions options, BlockingQueue<Item> queue) {
        List<Object[]> batch = new ArrayList<>(BATCH_ROWS);
        long[] numbers = new long[BATCH_ROWS];
        try {
            List<Item> badOnes = new ArrayList<>();
            ErrorHandling errors = ErrorHandling.of(options.onError(), bad -> badOnes.add(new Item.Bad(bad.recordNumber(),
                    bad.message(), bad.rawText())));
            try (RecordReader reader = Splitting.openRange(format, file, plan, range, opener, columns, options, errors)) {
                while (reader.next()) {
                    if (!badOnes.isEmpty()) {
                        // bad records before this one keep their place among the good ones
                        flush(batch, numbers, queue);
                        batch = new ArrayList<>(BATCH_ROWS);
                        numbers = new long[BATCH_ROWS];
                        for (Item bad : badOnes) {
                            queue.put(bad);
                        }
                        badOnes.clear();
                    }
                    numbers[batch.size()] = reader.recordNumber();
                    batch.add(reader.values().clone());
                    if (batch.size() == BATCH_ROWS) {
                        flush(batch, numbers, queue);
                        batch = new ArrayList<>(BATCH_ROWS);
                        numbers = new long[BATCH_ROWS];
                    }
                }
                flush(batch, numbers, queue);
                for (Item bad : badOnes) {
                    queue.put(bad);
                }
                queue.put(new Item.End(reader.recordNumber()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the object's read ended early: nobody takes the rest
        } catch (RuntimeException e) {
            offerFailure(queue, e);
        } catch (Error e) {
            offerFailure(queue, new SpateException(SpateException.Category.INTERNAL, file + " [bytes " + range.start() + ".."
                    + range.end() + "]: " + e, e));
            throw e;
        }
    }

    private static void flush(List<Object[]> batch, long[] numbers, BlockingQueue<Item> queue) throws InterruptedException {
        if (!batch.isEmpty()) {
            queue.put(new Item.Rows(batch, numbers));
        }
    }

    private static void offerFailure(BlockingQueue<Item> queue, RuntimeException failure) {
        try {
            queue.put(new Item.Failed(failure));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
