package io.spate.lake.convert;

import static java.util.Objects.requireNonNull;

import io.spate.storage.ForwardingObjectOutput;
import io.spate.storage.ObjectInfo;
import io.spate.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

/**
 * An object store that counts the requests made through it: listings (one request per page of 1,000 keys,
 * as S3 pages them), object reads, objects written (a multipart upload counts as one), copies (renames) and
 * deletes. Retries inside the wrapped store are not seen.
 */
public final class CountingObjectStore implements ObjectStore {
    static final int LIST_PAGE = 1000;

    private final ObjectStore store;
    private final AtomicLong lists = new AtomicLong();
    private final AtomicLong gets = new AtomicLong();
    private final AtomicLong puts = new AtomicLong();
    private final AtomicLong copies = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();

    public CountingObjectStore(ObjectStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** The requests counted so far. */
    public RequestCounts counts() {
        return new RequestCounts(lists.get(), gets.get(), puts.get(), copies.get(), deletes.get());
    }

    /** Bytes read from objects so far. */
    public long bytesRead() {
        return bytesRead.get();
    }

    @Override
    public String location() {
        return store.location();
    }

    @Override
    public String uriOf(String key) {
        return store.uriOf(key);
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        lists.incrementAndGet();
        AtomicLongArray seen = new AtomicLongArray(1);
        return store.list(prefix).peek(info -> {
            if (seen.incrementAndGet(0) % LIST_PAGE == 0) {
                lists.incrementAndGet();
            }
        });
    }

    @Override
    public InputStream open(String key, long start, long end) {
        gets.incrementAndGet();
        InputStream in = store.open(key, start, end);
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytesRead.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bytesRead.addAndGet(n);
                }
                return n;
            }
        };
    }

    @Override
    public ObjectOutput create(String key) {
        ObjectOutput target = store.create(key);
        return new ForwardingObjectOutput(target) {
            @Override
            public void abort() {
                target.abort();
            }

            @Override
            public void close() throws IOException {
                out.close();
                puts.incrementAndGet();
            }
        };
    }

    @Override
    public void rename(String from, String to) {
        copies.incrementAndGet();
        deletes.incrementAndGet();
        store.rename(from, to);
    }

    @Override
    public void delete(String key) {
        deletes.incrementAndGet();
        store.delete(key);
    }

    @Override
    public void close() {
        store.close();
    }
}
