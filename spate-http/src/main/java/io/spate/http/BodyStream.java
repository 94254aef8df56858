package io.spate.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an InputStream that asks the HTTP client for one more chunk each time one is
 * consumed (so at most {@value #CHUNKS_AHEAD} chunks are in memory whatever the body's size), and that fails with an
 * {@link HttpTimeoutException} when the server sends nothing for {@code readTimeout}.
 */
final class BodyStream extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();
    /**
     * Chunks asked for ahead of the reader: enough that the client's threads keep streaming while the
     * parser works (one at a time makes them wait for each other), few enough to bound memory (the
     * client's chunks are at most 16 KB buffers).
     */
    private static final int CHUNKS_AHEAD = 64;

    private record Failure(Throwable cause) {
    }

    private final BlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
    private final Duration readTimeout;
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> chunk = List.<ByteBuffer>of().iterator();
    private ByteBuffer buffer = ByteBuffer.allocate(0);
    private boolean ended;

    BodyStream(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        s.request(CHUNKS_AHEAD);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        chunks.add(item);
    }

    @Override
    public void onError(Throwable failure) {
        chunks.add(new Failure(failure));
    }

    @Override
    public void onComplete() {
        chunks.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!buffer.hasRemaining()) {
            if (chunk.hasNext()) {
                buffer = chunk.next();
                continue;
            }
            if (ended || !nextChunk()) {
                return -1;
            }
        }
        int n = Math.min(length, buffer.remaining());
        buffer.get(target, offset, n);
        return n;
    }

    @SuppressWarnings("unchecked")
    private boolean nextChunk() throws IOException {
        Object item;
        try {
            item = chunks.poll(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new InterruptedIOException("interrupted while waiting for the response body");
        }
        if (item == null) {
            close();
            throw new HttpTimeoutException("no data for " + readTimeout.toMillis() + " ms (timeout read)");
        }
        if (item == END) {
            ended = true;
            return false;
        }
        if (item instanceof Failure failure) {
            ended = true;
            throw failure.cause() instanceof IOException io ? io : new IOException(failure.cause().getMessage(), failure.cause());
        }
        chunk = ((List<ByteBuffer>) item).iterator();
        subscription.request(1);
        return true;
    }

    @Override
    public void close() {
        if (!ended) {
            ended = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
        chunks.clear();
    }
}
