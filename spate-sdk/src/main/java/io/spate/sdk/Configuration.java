package io.spate.sdk;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A connector's configuration: the keys of its block in a pipeline file, or a flat
 * {@code configuration.json}. Values are text, numbers, booleans, lists or maps as written; typed
 * getters convert them. Its {@link #toString()} never shows a secret.
 */
public final class Configuration {
    private final Map<String, Object> values;

    private Configuration(Map<String, Object> values) {
        this.values = values;
    }

    public static Configuration of(Map<String, ?> values) {
        requireNonNull(values, "values is null");
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return new Configuration(Collections.unmodifiableMap(copy));
    }

    /** Reads a flat JSON object such as a {@code configuration.json}. */
    @SuppressWarnings("unchecked")
    public static Configuration parseJson(String json) {
        Object parsed = JsonText.parse(json);
        if (!(parsed instanceof Map)) {
            throw SpateException.config("a configuration must be a JSON object of keys to values");
        }
        return of((Map<String, Object>) parsed);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key) && !String.valueOf(values.get(key)).isEmpty();
    }

    public Optional<Object> raw(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The option's value, its default when absent; fails with a CONFIG error when required and absent or invalid. */
    public <T> T get(ConfigOption<T> option) {
        return find(option).orElseThrow(() -> SpateException.config(
                "missing option " + option.key() + ": expected " + option.typeName()
                        + (option.doc().isEmpty() ? "" : " (" + option.doc() + ")")));
    }

    /** The option's value or its default; empty when neither is there. */
    public <T> Optional<T> find(ConfigOption<T> option) {
        if (!has(option.key())) {
            return option.defaultValue();
        }
        try {
            return Optional.of(option.parse(values.get(option.key())));
        } catch (IllegalArgumentException e) {
            throw SpateException.config("option " + option.key() + " " + e.getMessage());
        }
    }

    public String getString(String key, String defaultValue) {
        return has(key) ? String.valueOf(values.get(key)) : defaultValue;
    }

    public int getInt(String key, int defaultValue) {
        return get(ConfigOption.integer(key).defaultValue(defaultValue));
    }

    public long getLong(String key, long defaultValue) {
        return get(ConfigOption.longInteger(key).defaultValue(defaultValue));
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return get(ConfigOption.bool(key).defaultValue(defaultValue));
    }

    public Duration getDuration(String key, Duration defaultValue) {
        return get(ConfigOption.duration(key).defaultValue(defaultValue));
    }

    public List<String> getList(String key) {
        return find(ConfigOption.list(key)).orElse(List.of());
    }

    /** A copy with one more (or a replaced) key. */
    public Configuration with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return of(copy);
    }

    /**
     * Checks every option at once: throws one CONFIG error listing each missing or invalid key and what is
     * expected. Returns the keys that no option declares (likely typos), for a warning; {@code ignoredKeys}
     * are keys the caller reads itself (such as {@code connector}).
     */
    public List<String> validate(List<ConfigOption<?>> options, Set<String> ignoredKeys) {
        return validate(options, ignoredKeys, List.of());
    }

    /**
     * Like {@link #validate(List, Set)}, with {@code moreProblems} (rules between options, from
     * {@link Connector#validate}) reported in the same message after the options' own problems.
     */
    public List<String> validate(List<ConfigOption<?>> options, Set<String> ignoredKeys, List<String> moreProblems) {
        List<String> problems = new ArrayList<>();
        for (ConfigOption<?> option : options) {
            if (!has(option.key())) {
                if (option.isRequired() && option.defaultValue().isEmpty()) {
                    problems.add(option.key() + " is missing: expected " + option.typeName()
                            + (option.doc().isEmpty() ? "" : " (" + option.doc() + ")"));
                }
                continue;
            }
            try {
                option.parse(values.get(option.key()));
            } catch (IllegalArgumentException e) {
                problems.add(option.key() + " " + e.getMessage());
            }
        }
        problems.addAll(moreProblems);
        if (!problems.isEmpty()) {
            throw SpateException.config("invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
        Set<String> known = new LinkedHashSet<>(ignoredKeys);
        options.forEach(o -> known.add(o.key()));
        List<String> unknown = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                unknown.add(key);
            }
        }
        return unknown;
    }

    /** The values of keys that are secret, by name or by the given options; for redaction. */
    public List<String> secretValues(List<ConfigOption<?>> options) {
        Set<String> sensitiveKeys = new LinkedHashSet<>();
        options.stream().filter(ConfigOption::isSensitive).forEach(o -> sensitiveKeys.add(o.key()));
        List<String> secrets = new ArrayList<>();
        values.forEach((key, value) -> {
            if (sensitiveKeys.contains(key) || Secrets.isSensitiveKey(key)) {
                secrets.add(String.valueOf(value));
            }
        });
        return secrets;
    }

    /** The configuration as JSON text with secret values masked. */
    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>();
        values.forEach((key, value) -> shown.put(key, Secrets.isSensitiveKey(key) ? Secrets.MASK : value));
        return JsonText.write(shown);
    }
}
