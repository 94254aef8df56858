package io.spate.runtime;

import java.util.concurrent.atomic.AtomicLong;

/** Bytes held by all buffers of a run together. */
final class BufferedBytes {
    private final AtomicLong bytes = new AtomicLong();

    void add(long delta) {
        bytes.addAndGet(delta);
    }

    long get() {
        return bytes.get();
    }
}
