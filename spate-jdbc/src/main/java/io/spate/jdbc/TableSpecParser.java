package io.spate.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code table_spec} option: an inline list of entries, a JSON text, or the path of a YAML/JSON
 * file. The document is a list of entries, or an object {@code {tables: [...]}}, or an object of table name
 * to entry. Every problem is reported in one CONFIG error.
 */
final class TableSpecParser {
    static final List<String> KEYS = List.of("name", "table", "primary_key", "strategy", "replication_key",
            "include", "exclude", "chunking", "columns");

    private TableSpecParser() {
    }

    static List<TableSpecEntry> parse(Object value) {
        Object document = load(value);
        List<Map<?, ?>> entries = entriesOf(document);
        List<String> problems = new ArrayList<>();
        List<TableSpecEntry> parsed = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                parsed.add(entry(entries.get(i)));
            } catch (IllegalArgumentException | SpateException e) {
                problems.add("table_spec entry " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw SpateException.config(String.join("\n", problems));
        }
        return parsed;
    }

    private static Object load(Object value) {
        if (!(value instanceof String text)) {
            return value;
        }
        String trimmed = text.trim();
        if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
            return parseJson(trimmed, "table_spec");
        }
        Path path = Path.of(trimmed);
        if (!Files.isRegularFile(path)) {
            throw SpateException.config("table_spec \"" + trimmed + "\" is neither a JSON/YAML list nor a readable file");
        }
        try {
            return parseJson(Files.readString(path), path.toString());
        } catch (IOException e) {
            throw SpateException.config("table_spec file " + path + " cannot be read: " + e.getMessage());
        }
    }

    /** Parses JSON or YAML (YAML is a superset of JSON). */
    private static Object parseJson(String text, String where) {
        try {
            return new ObjectMapper(new YAMLFactory()).readValue(text, Object.class);
        } catch (IOException e) {
            throw SpateException.config(where + " is not valid YAML/JSON: " + e.getMessage());
        }
    }

    private static List<Map<?, ?>> entriesOf(Object document) {
        if (document instanceof Map<?, ?> map && map.containsKey("tables")) {
            return entriesOf(map.get("tables"));
        }
        List<Map<?, ?>> entries = new ArrayList<>();
        if (document instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String name) {
                    entries.add(Map.of("name", name));
                } else if (item instanceof Map<?, ?> map) {
                    entries.add(map);
                } else {
                    throw SpateException.config("table_spec entries must be objects or table names, got: " + item);
                }
            }
            return entries;
        }
        if (document instanceof Map<?, ?> byName) {
            byName.forEach((name, settings) -> {
                Map<Object, Object> entry = new LinkedHashMap<>(settings instanceof Map<?, ?> m ? m : Map.of());
                entry.put("name", name);
                entries.add(entry);
            });
            return entries;
        }
        throw SpateException.config("table_spec must be a list of tables, got: " + document);
    }

    private static TableSpecEntry entry(Map<?, ?> raw) {
        for (Object key : raw.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unknown key \"" + key + "\"; expected one of " + KEYS);
            }
        }
        Object name = raw.containsKey("name") ? raw.get("name") : raw.get("table");
        if (name == null || String.valueOf(name).isBlank()) {
            throw new IllegalArgumentException("name is missing");
        }
        Optional<Strategy> strategy = Optional.ofNullable(raw.get("strategy")).map(s -> {
            try {
                return Strategy.valueOf(String.valueOf(s).trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("strategy is \"" + s + "\", expected INCREMENTAL or FULL");
            }
        });
        Optional<Boolean> chunking = Optional.ofNullable(raw.get("chunking")).map(c -> {
            String text = String.valueOf(c).trim().toLowerCase(Locale.ROOT);
            if (!text.equals("true") && !text.equals("false")) {
                throw new IllegalArgumentException("chunking is \"" + c + "\", expected true or false");
            }
            return Boolean.parseBoolean(text);
        });
        Map<String, DataType> types = new LinkedHashMap<>();
        Object columns = raw.get("columns");
        if (columns instanceof Map<?, ?> map) {
            map.forEach((column, type) -> types.put(String.valueOf(column), DataType.parse(String.valueOf(type))));
        } else if (columns != null) {
            throw new IllegalArgumentException("columns must map column names to types, e.g. {amount: DECIMAL(12,2)}");
        }
        return new TableSpecEntry(String.valueOf(name).trim(), Optional.ofNullable(raw.get("primary_key")).map(TableSpecParser::names),
                strategy, Optional.ofNullable(raw.get("replication_key")).map(String::valueOf), names(raw.get("include")),
                names(raw.get("exclude")), chunking, types);
    }

    private static List<String> names(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        String text = String.valueOf(value).trim();
        return text.isEmpty() ? List.of() : java.util.Arrays.stream(text.split(",")).map(String::trim).toList();
    }
}
