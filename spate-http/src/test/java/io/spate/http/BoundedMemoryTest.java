package io.spate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A body several times larger than the heap streams through: {@link BigBodyBenchmark} in a child JVM with a
 * 64 MB heap syncs a 256 MB generated body and checks the rows are exactly those served. (The 2 GB run with
 * peak RSS is the benchmark itself; it takes minutes on 2 cores, too long for CI.)
 */
class BoundedMemoryTest {

    @Test
    void aBodyFourTimesLargerThanTheHeapStreamsThroughExactly() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                BigBodyBenchmark.class.getName(), Long.toString(256L << 20), "count", "8"))
                .redirectErrorStream(true).start();
        boolean finished = child.waitFor(10, TimeUnit.MINUTES);
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            child.destroyForcibly();
        }
        assertThat(finished).as(output).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("EXACT rows=").contains("max heap 64 MB");
    }
}
