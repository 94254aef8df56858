package io.spate.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.retry.RetryPolicy;
import io.spate.sdk.SpateException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumingInputStreamTest {
    private final byte[] object = new byte[100_000];
    private final List<String> requests = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();

    ResumingInputStreamTest() {
        for (int i = 0; i < object.length; i++) {
            object[i] = (byte) (i * 31 + 7);
        }
    }

    private RetryPolicy policy(int attempts) {
        return RetryPolicy.builder().maxAttempts(attempts).initialDelay(Duration.ofMillis(10)).sleeper(sleeps::add).build();
    }

    /** Serves the object, breaking the connection after {@code cutAfter} bytes of each of the first {@code cuts} bodies. */
    private ResumingInputStream.RangeOpener server(int cutAfter, int cuts, boolean eofInsteadOfReset) {
        return (start, end) -> {
            long stop = end < 0 ? object.length : end;
            requests.add(start + "-" + stop);
            byte[] body = Arrays.copyOfRange(object, (int) start, (int) stop);
            boolean cut = requests.size() <= cuts;
            InputStream in = new ByteArrayInputStream(body) {
                private int served;

                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    if (cut && served >= cutAfter) {
                        if (eofInsteadOfReset) {
                            return -1;
                        }
                        throw new java.io.UncheckedIOException(new SocketException("Connection reset"));
                    }
                    int n = super.read(b, off, cut ? Math.min(len, cutAfter - served) : len);
                    served += Math.max(n, 0);
                    return n;
                }
            };
            return new ResumingInputStream.Body(unchecked(in), body.length);
        };
    }

    private static InputStream unchecked(InputStream in) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return in.read(b, off, len);
                } catch (java.io.UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        };
    }

    @Test
    void resetMidBodyResumesWithRangedRequestsAndReturnsExactBytes() throws IOException {
        try (ResumingInputStream in = new ResumingInputStream("s3://b/k", 0, -1, server(30_000, 2, false), policy(5))) {
            assertThat(in.readAllBytes()).isEqualTo(object);
            assertThat(in.reopenings()).isEqualTo(2);
        }
        assertThat(requests).containsExactly("0-100000", "30000-100000", "60000-100000");
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void bodyEndingBeforeItsLengthIsResumed() throws IOException {
        try (ResumingInputStream in = new ResumingInputStream("s3://b/k", 1000, 51_000, server(20_000, 1, true), policy(5))) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(object, 1000, 51_000));
        }
        assertThat(requests).containsExactly("1000-51000", "21000-51000");
    }

    @Test
    void givesUpAfterTheAttemptsOfThePolicyNamingTheObjectAndOffset() {
        ResumingInputStream in = new ResumingInputStream("s3://b/k", 0, -1, server(0, 100, false), policy(3));
        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(SpateException.class)
                .hasMessageStartingWith("reading s3://b/k at byte 0 failed after 3 attempts; last error: the connection"
                        + " reading s3://b/k broke at byte 0: java.net.SocketException: Connection reset");
    }
}
