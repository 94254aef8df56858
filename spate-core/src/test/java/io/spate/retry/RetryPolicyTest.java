package io.spate.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.SpateException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    final List<Duration> waits = new ArrayList<>();
    final RetryPolicy policy = RetryPolicy.builder().maxAttempts(4).initialDelay(Duration.ofSeconds(1))
            .maxDelay(Duration.ofSeconds(3)).jitter(0).sleeper(waits::add).build();

    @Test
    void transientFailuresAreRetriedWithExponentialCappedBackoff() {
        String result = policy.call("fetch", attempt -> {
            if (attempt < 4) {
                throw new SocketTimeoutException("read timed out");
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @Test
    void retryAfterFromTheServerWins() {
        policy.call("fetch", attempt -> {
            if (attempt == 1) {
                throw new RetriableException("429", Optional.of(Duration.ofSeconds(7)), null);
            }
            return null;
        });

        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void permanentFailuresAreNotRetried() {
        assertThatThrownBy(() -> policy.call("fetch", attempt -> {
            throw SpateException.config("403 access denied");
        })).hasMessage("403 access denied");
        assertThat(waits).isEmpty();
    }

    @Test
    void givingUpNamesTheOperationAndTheLastError() {
        assertThatThrownBy(() -> policy.call("GET s3://b/k", attempt -> {
            throw new RetriableException("503 SlowDown", null);
        })).hasMessage("GET s3://b/k failed after 4 attempts; last error: 503 SlowDown");
        assertThat(waits).hasSize(3);
    }

    @Test
    void jitterStaysWithinItsFraction() {
        RetryPolicy jittery = RetryPolicy.builder().initialDelay(Duration.ofSeconds(10)).maxDelay(Duration.ofMinutes(1))
                .jitter(0.2).build();
        for (int i = 0; i < 100; i++) {
            assertThat(jittery.delayBefore(2, Optional.empty()).toMillis()).isBetween(8_000L, 12_000L);
        }
    }
}
