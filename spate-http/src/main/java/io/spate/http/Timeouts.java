package io.spate.http;

import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How long to wait: {@code connect} for a connection, {@code read} for the response headers and for each
 * stretch of silence while a body streams (not for the whole body, which may take hours).
 *
 * @param connect connection timeout
 * @param read the longest wait for response headers or for the next bytes of a body
 */
record Timeouts(Duration connect, Duration read) {
    static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));

    Timeouts {
        if (connect.isZero() || connect.isNegative() || read.isZero() || read.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** A single duration sets both; a map sets {@code connect} and/or {@code read}. */
    static Timeouts parse(Object value) {
        Optional<Map<String, Object>> map = StructuredValue.asMap(value);
        if (map.isEmpty()) {
            Duration both = duration(value);
            return new Timeouts(both, both);
        }
        for (String key : map.get().keySet()) {
            if (!key.equals("connect") && !key.equals("read")) {
                throw new IllegalArgumentException("timeout has no entry " + key);
            }
        }
        Object connect = map.get().get("connect");
        Object read = map.get().get("read");
        return new Timeouts(connect == null ? DEFAULT.connect : duration(connect), read == null ? DEFAULT.read : duration(read));
    }

    private static Duration duration(Object value) {
        return Configuration.of(Map.of("timeout", value)).get(ConfigOption.duration("timeout"));
    }
}
