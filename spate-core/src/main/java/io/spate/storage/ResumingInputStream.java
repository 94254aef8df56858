package io.spate.storage;

import static java.util.Objects.requireNonNull;

import io.spate.retry.RetriableException;
import io.spate.retry.RetryPolicy;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream over a byte range of a remote object that survives broken connections: when a read fails
 * mid-body (a reset, a timeout, a body that ends before its announced length) it drops the connection and
 * reopens the object at the byte it had reached with a ranged request, under the {@link RetryPolicy}.
 * The caller sees the exact bytes of the range, or a failure once the policy gives up.
 */
public final class ResumingInputStream extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(ResumingInputStream.class);

    /** Opens the object from {@code start} to {@code end} (exclusive, -1 for the end of the object). */
    @FunctionalInterface
    public interface RangeOpener {
        Body open(long start, long end) throws Exception;
    }

    /**
     * An opened body.
     *
     * @param stream the bytes
     * @param length how many bytes it will deliver, -1 when the server did not say
     */
    public record Body(InputStream stream, long length) {
        public Body {
            requireNonNull(stream, "stream is null");
        }
    }

    private final String uri;
    private final RangeOpener opener;
    private final RetryPolicy retry;
    private final byte[] single = new byte[1];
    private InputStream current;
    private long position;
    private long end;
    private int reopenings;
    private boolean closed;

    /**
     * @param uri the object, for messages
     * @param start the first byte
     * @param end the byte after the last, -1 for the end of the object (then taken from the first response)
     */
    public ResumingInputStream(String uri, long start, long end, RangeOpener opener, RetryPolicy retry) {
        this.uri = requireNonNull(uri, "uri is null");
        this.opener = requireNonNull(opener, "opener is null");
        this.retry = requireNonNull(retry, "retry is null");
        this.position = start;
        this.end = end;
    }

    /** The offset of the next byte this stream returns. */
    public long position() {
        return position;
    }

    /** How many times the body was reopened after a fault. */
    public int reopenings() {
        return reopenings;
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException(uri + " is closed");
        }
        if (length == 0) {
            return 0;
        }
        if (end >= 0 && position >= end) {
            return -1;
        }
        return retry.call("reading " + uri + " at byte " + position, attempt -> readOnce(buffer, offset, length));
    }

    private int readOnce(byte[] buffer, int offset, int length) throws Exception {
        if (current == null) {
            if (position > 0 || reopenings > 0) {
                reopenings++;
            }
            Body body = opener.open(position, end);
            current = body.stream();
            if (end < 0 && body.length() >= 0) {
                end = position + body.length();
            }
        }
        int wanted = end >= 0 ? (int) Math.min(length, end - position) : length;
        int n;
        try {
            n = current.read(buffer, offset, wanted);
        } catch (IOException e) {
            discardCurrent();
            throw new RetriableException("the connection reading " + uri + " broke at byte " + position + ": " + e, e);
        }
        if (n < 0) {
            if (end >= 0 && position < end) {
                discardCurrent();
                throw new RetriableException("the body of " + uri + " ended at byte " + position + " before byte " + end,
                        new EOFException());
            }
            return -1;
        }
        position += n;
        return n;
    }

    private void discardCurrent() {
        InputStream broken = current;
        current = null;
        try {
            broken.close();
        } catch (IOException e) {
            LOG.debug("closing the broken body of {} failed (a new connection is opened anyway): {}", uri, e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (current != null) {
            InputStream open = current;
            current = null;
            open.close();
        }
    }
}
