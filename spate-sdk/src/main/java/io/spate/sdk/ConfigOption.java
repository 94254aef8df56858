package io.spate.sdk;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One option a connector reads, declared once: key, type, default, checks, documentation and whether it
 * is sensitive. Immutable; each modifier returns a new option.
 *
 * <pre>{@code
 * static final ConfigOption<Integer> PARALLELISM = ConfigOption.integer("parallelism")
 *         .defaultValue(4).check(n -> n >= 1 && n <= 64, "must be 1..64").doc("files read at once");
 * }</pre>
 *
 * @param <T> the value type
 */
public final class ConfigOption<T> {
    private final String key;
    private final String typeName;
    private final Function<Object, T> parser;
    private final Optional<T> defaultValue;
    private final boolean required;
    private final boolean sensitive;
    private final String doc;
    private final List<Check<T>> checks;

    private record Check<T>(Predicate<T> test, String expectation) {
    }

    private ConfigOption(String key, String typeName, Function<Object, T> parser, Optional<T> defaultValue,
            boolean required, boolean sensitive, String doc, List<Check<T>> checks) {
        this.key = requireNonNull(key, "key is null");
        this.typeName = typeName;
        this.parser = parser;
        this.defaultValue = defaultValue;
        this.required = required;
        this.sensitive = sensitive;
        this.doc = doc;
        this.checks = List.copyOf(checks);
    }

    private static <T> ConfigOption<T> of(String key, String typeName, Function<Object, T> parser) {
        return new ConfigOption<>(key, typeName, parser, Optional.empty(), false, Secrets.isSensitiveKey(key), "", List.of());
    }

    public static ConfigOption<String> string(String key) {
        return of(key, "text", value -> {
            if (value instanceof Map || value instanceof List) {
                throw new IllegalArgumentException("expected text, got a " + (value instanceof Map ? "map" : "list"));
            }
            return String.valueOf(value);
        });
    }

    public static ConfigOption<Integer> integer(String key) {
        return of(key, "an integer", value -> Math.toIntExact(parseLong(value)));
    }

    public static ConfigOption<Long> longInteger(String key) {
        return of(key, "an integer", ConfigOption::parseLong);
    }

    public static ConfigOption<Boolean> bool(String key) {
        return of(key, "true or false", ConfigOption::parseBoolean);
    }

    /** A duration: a number of seconds, or a number with a unit: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}. */
    public static ConfigOption<Duration> duration(String key) {
        return of(key, "a duration like 500ms, 10s, 2m", ConfigOption::parseDuration);
    }

    /** A size in bytes: a number, or with a unit: {@code 64KB}, {@code 256MB}, {@code 1GB}. */
    public static ConfigOption<Long> bytes(String key) {
        return of(key, "a size like 64KB, 256MB, 1GB", ConfigOption::parseBytes);
    }

    /** A list: a YAML/JSON list, or comma-separated text. */
    public static ConfigOption<List<String>> list(String key) {
        return of(key, "a list", value -> {
            if (value instanceof List<?> list) {
                return list.stream().map(String::valueOf).toList();
            }
            String text = String.valueOf(value).trim();
            if (text.startsWith("[")) {
                Object parsed = JsonText.parse(text);
                if (parsed instanceof List<?> list) {
                    return list.stream().map(String::valueOf).toList();
                }
            }
            return text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(String::trim).toList();
        });
    }

    /** A map: a YAML/JSON object, or a JSON object as text. */
    @SuppressWarnings("unchecked")
    public static ConfigOption<Map<String, Object>> map(String key) {
        return of(key, "a map", value -> {
            Object parsed = value instanceof String s ? JsonText.parse(s) : value;
            if (parsed instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            throw new IllegalArgumentException("expected a map of names to values");
        });
    }

    /** Any structured value (a list of objects, a map, text) passed through as read. */
    public static ConfigOption<Object> structured(String key) {
        return of(key, "a value", value -> value);
    }

    /** One of the constants of {@code type}, written in any case ({@code fail}, {@code FAIL}). */
    public static <E extends Enum<E>> ConfigOption<E> enumeration(String key, Class<E> type) {
        String choices = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" | "));
        return of(key, "one of " + choices, value -> Enum.valueOf(type,
                String.valueOf(value).trim().toUpperCase(Locale.ROOT).replace('-', '_')));
    }

    public ConfigOption<T> defaultValue(T value) {
        return new ConfigOption<>(key, typeName, parser, Optional.of(value), required, sensitive, doc, checks);
    }

    public ConfigOption<T> required() {
        return new ConfigOption<>(key, typeName, parser, defaultValue, true, sensitive, doc, checks);
    }

    public ConfigOption<T> sensitive() {
        return new ConfigOption<>(key, typeName, parser, defaultValue, required, true, doc, checks);
    }

    public ConfigOption<T> doc(String text) {
        return new ConfigOption<>(key, typeName, parser, defaultValue, required, sensitive, text, checks);
    }

    /** Adds a check; {@code expectation} completes "KEY ..." in the error, e.g. "must be 1..64". */
    public ConfigOption<T> check(Predicate<T> test, String expectation) {
        List<Check<T>> more = new ArrayList<>(checks);
        more.add(new Check<>(test, expectation));
        return new ConfigOption<>(key, typeName, parser, defaultValue, required, sensitive, doc, more);
    }

    public String key() {
        return key;
    }

    public String typeName() {
        return typeName;
    }

    public Optional<T> defaultValue() {
        return defaultValue;
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isSensitive() {
        return sensitive;
    }

    public String doc() {
        return doc;
    }

    /** Parses and checks a raw value; the returned problem, if any, completes "KEY ...". */
    T parse(Object raw) {
        T value;
        try {
            value = parser.apply(raw);
        } catch (RuntimeException e) {
            String shown = sensitive ? Secrets.MASK : "\"" + raw + "\"";
            throw new IllegalArgumentException("is " + shown + ", expected " + typeName, e);
        }
        for (Check<T> check : checks) {
            if (!check.test().test(value)) {
                String shown = sensitive ? Secrets.MASK : String.valueOf(raw);
                throw new IllegalArgumentException(check.expectation() + " (got " + shown + ")");
            }
        }
        return value;
    }

    private static long parseLong(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return Long.parseLong(String.valueOf(value).trim().replace("_", ""));
    }

    private static boolean parseBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (String.valueOf(value).trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    static Duration parseDuration(Object value) {
        if (value instanceof Number n) {
            return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        }
        String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT).replace(" ", "");
        int unitAt = 0;
        while (unitAt < text.length() && (Character.isDigit(text.charAt(unitAt)) || text.charAt(unitAt) == '.')) {
            unitAt++;
        }
        double amount = Double.parseDouble(text.substring(0, unitAt));
        long millis = switch (text.substring(unitAt)) {
            case "ms" -> Math.round(amount);
            case "", "s", "sec", "seconds" -> Math.round(amount * 1000);
            case "m", "min", "minutes" -> Math.round(amount * 60_000);
            case "h", "hours" -> Math.round(amount * 3_600_000);
            default -> throw new IllegalArgumentException("unknown unit");
        };
        return Duration.ofMillis(millis);
    }

    static long parseBytes(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        String text = String.valueOf(value).trim().toUpperCase(Locale.ROOT).replace(" ", "");
        int unitAt = 0;
        while (unitAt < text.length() && (Character.isDigit(text.charAt(unitAt)) || text.charAt(unitAt) == '.')) {
            unitAt++;
        }
        double amount = Double.parseDouble(text.substring(0, unitAt));
        long unit = switch (text.substring(unitAt)) {
            case "", "B" -> 1L;
            case "K", "KB", "KIB" -> 1L << 10;
            case "M", "MB", "MIB" -> 1L << 20;
            case "G", "GB", "GIB" -> 1L << 30;
            default -> throw new IllegalArgumentException("unknown unit");
        };
        return Math.round(amount * unit);
    }

    @Override
    public String toString() {
        return key;
    }
}
