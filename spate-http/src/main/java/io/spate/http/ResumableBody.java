package io.spate.http;

import io.spate.retry.RetriableException;
import io.spate.sdk.SpateException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw bytes of a page that survive an interrupted connection: when the server accepts byte ranges and
 * identifies the body (strong ETag or Last-Modified), the rest is fetched with {@code Range: bytes=N-} and
 * {@code If-Range}, invisibly to the reader above. Otherwise (or when the body changed meanwhile) the read
 * fails with a {@link Broken} carrying a {@link RetriableException}, and the caller reads the page again.
 * Failures are IOExceptions so that they pass through the CSV parser as I/O failures, not data errors.
 */
final class ResumableBody extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(ResumableBody.class);

    private final HttpFetcher fetcher;
    private final Page page;
    private final Optional<String> validator;
    private final OptionalLong length;
    private InputStream current;
    private long position;
    private boolean progressSinceOpen;
    private int failuresWithoutProgress;
    private int resumes;
    private Broken broken;

    /** The body cannot be read further; {@link #failure()} says whether reading the page again may help. */
    static final class Broken extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient SpateException failure;

        Broken(SpateException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }

        SpateException failure() {
            return failure;
        }
    }

    ResumableBody(HttpFetcher fetcher, Page page) {
        this.fetcher = fetcher;
        this.page = page;
        this.validator = page.acceptsRanges() ? page.validator() : Optional.empty();
        this.length = page.contentLength();
        this.current = page.body();
    }

    /** Bytes of the body read so far. */
    long position() {
        return position;
    }

    int resumes() {
        return resumes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int count) throws IOException {
        while (true) {
            try {
                int n = current.read(target, offset, count);
                if (n > 0) {
                    position += n;
                    progressSinceOpen = true;
                } else if (n < 0 && length.isPresent() && position < length.getAsLong()) {
                    throw new EOFException("the connection closed after " + position + " of " + length.getAsLong() + " bytes");
                }
                return n;
            } catch (IOException e) {
                resumeAfter(e);
            }
        }
    }

    /**
     * Why the body could not be read to its end, if it could not: the parser above may have wrapped (or
     * flattened into a message) the exception it got, so the caller asks here.
     */
    Optional<SpateException> failure() {
        return Optional.ofNullable(broken).map(Broken::failure);
    }

    private void resumeAfter(IOException e) throws Broken {
        if (e instanceof Broken again) {
            throw again;
        }
        try {
            resume(e);
        } catch (Broken b) {
            broken = b;
            throw b;
        }
    }

    private void resume(IOException e) throws Broken {
        try {
            current.close();
        } catch (IOException closing) {
            e.addSuppressed(closing);
        }
        failuresWithoutProgress = progressSinceOpen ? 1 : failuresWithoutProgress + 1;
        progressSinceOpen = false;
        String what = "the body of " + SafeUrl.of(page.uri()) + " broke off after " + position + " bytes ("
                + HttpFetcher.describe(e) + ")";
        if (validator.isEmpty()) {
            throw new Broken(new RetriableException(what
                    + "; the server offers no byte ranges with an ETag or Last-Modified, so the page is read again", e));
        }
        if (failuresWithoutProgress > fetcher.retry().maxAttempts()) {
            throw new Broken(new SpateException(SpateException.Category.INTERNAL, what + "; gave up after "
                    + (failuresWithoutProgress - 1) + " resumed requests that brought no data", e));
        }
        LOG.warn("{}; resuming with Range: bytes={}-", what, position);
        try {
            current = fetcher.resume(page.uri(), position, validator.get())
                    .orElseThrow(() -> new RetriableException(what + "; the body changed since, so the page is read again", e));
        } catch (SpateException failure) {
            throw new Broken(failure);
        }
        resumes++;
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}
