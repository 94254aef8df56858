package io.spate.http;

import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import java.util.Map;
import java.util.Optional;

/**
 * A structured option value as written: a YAML map, a JSON object given as text (flat
 * {@code configuration.json} files hold only strings), or a plain word.
 */
final class StructuredValue {
    private StructuredValue() {
    }

    /** The value as a map when it is one (or JSON text of one); empty when it is a plain word or number. */
    static Optional<Map<String, Object>> asMap(Object value) {
        if (value instanceof Map<?, ?>) {
            return Optional.of(Configuration.of(Map.of("v", value)).get(ConfigOption.map("v")));
        }
        String text = String.valueOf(value).trim();
        if (text.startsWith("{")) {
            return Optional.of(Configuration.of(Map.of("v", text)).get(ConfigOption.map("v")));
        }
        return Optional.empty();
    }

    /** A required text entry of a map option. */
    static String text(Map<String, Object> map, String key, String option) {
        Object value = map.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalArgumentException(option + " needs " + key);
        }
        return String.valueOf(value).trim();
    }

    static Optional<String> optionalText(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null || String.valueOf(value).isBlank() ? Optional.empty() : Optional.of(String.valueOf(value).trim());
    }
}
