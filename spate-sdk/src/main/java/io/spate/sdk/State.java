package io.spate.sdk;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A connector's position: an immutable JSON object. Values are strings, numbers ({@code Long} or
 * {@code BigDecimal} once read back), booleans, {@code null}, lists and nested objects ({@code Map}).
 * {@link #with} returns a new state; the runtime stores it atomically with the data at a checkpoint.
 */
public final class State {
    private static final State EMPTY = new State(Map.of());

    private final Map<String, Object> document;

    private State(Map<String, Object> document) {
        this.document = document;
    }

    public static State empty() {
        return EMPTY;
    }

    /** A state holding a copy of this document (converted to plain JSON values). */
    public static State of(Map<String, ?> document) {
        requireNonNull(document, "document is null");
        return parse(JsonText.write(document));
    }

    /** Reads a state from its JSON text; the text must be a JSON object. */
    @SuppressWarnings("unchecked")
    public static State parse(String json) {
        requireNonNull(json, "json is null");
        if (json.isBlank()) {
            return EMPTY;
        }
        Object value = JsonText.parse(json);
        if (!(value instanceof Map)) {
            throw SpateException.data("a state must be a JSON object, got: " + abbreviate(json));
        }
        return new State(Collections.unmodifiableMap((Map<String, Object>) value));
    }

    public String toJson() {
        return JsonText.write(document);
    }

    public boolean isEmpty() {
        return document.isEmpty();
    }

    /** The whole document, read-only. */
    public Map<String, Object> asMap() {
        return document;
    }

    public Optional<Object> get(String key) {
        return Optional.ofNullable(document.get(key));
    }

    public Optional<String> getString(String key) {
        return get(key).map(String::valueOf);
    }

    public Optional<Long> getLong(String key) {
        return get(key).map(v -> v instanceof Number n ? n.longValue() : Long.parseLong(v.toString()));
    }

    /** A nested object as a state of its own; empty when absent. */
    @SuppressWarnings("unchecked")
    public State getState(String key) {
        Object value = document.get(key);
        if (value == null) {
            return EMPTY;
        }
        if (value instanceof Map<?, ?> map) {
            return new State(Collections.unmodifiableMap((Map<String, Object>) map));
        }
        throw SpateException.data("state key \"" + key + "\" holds " + value + ", not an object");
    }

    /** A copy with {@code key} set to {@code value} (a JSON-compatible value, a {@code State}, or null). */
    public State with(String key, Object value) {
        requireNonNull(key, "key is null");
        Map<String, Object> copy = new LinkedHashMap<>(document);
        copy.put(key, value instanceof State s ? s.document : value);
        return of(copy);
    }

    public State without(String key) {
        Map<String, Object> copy = new LinkedHashMap<>(document);
        copy.remove(key);
        return new State(Collections.unmodifiableMap(copy));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof State s && toJson().equals(s.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
