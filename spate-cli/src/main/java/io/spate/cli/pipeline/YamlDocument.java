package io.spate.cli.pipeline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.spate.sdk.SpateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML file read into plain values (maps in file order, lists, strings, numbers, booleans), remembering
 * where each value is written so that every later message can name the file, line and column. Strings are
 * interpolated ({@code ${VAR}}) as they are read; duplicate keys are an error rather than a silent override.
 */
final class YamlDocument {
    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private final Path file;
    private final Object root;
    private final Map<String, Location> locations;

    private YamlDocument(Path file, Object root, Map<String, Location> locations) {
        this.file = file;
        this.root = root;
        this.locations = locations;
    }

    /**
     * Reads {@code text}, the contents of {@code file}.
     *
     * @param secretValues receives the values of secret-looking environment variables substituted
     */
    static YamlDocument read(Path file, String text, Map<String, String> environment, Collection<String> secretValues) {
        Reader reader = new Reader(file, new Interpolation(environment, secretValues));
        try (JsonParser parser = YAML.createParser(text)) {
            if (parser.nextToken() == null) {
                return new YamlDocument(file, Map.of(), reader.locations);
            }
            Object root = reader.value(parser, "");
            if (parser.nextToken() != null) {
                throw SpateException.config(reader.location(parser.currentTokenLocation())
                        + ": a pipeline file holds one YAML document; remove the second one (after ---)");
            }
            return new YamlDocument(file, root, reader.locations);
        } catch (JsonProcessingException e) {
            throw SpateException.config(reader.location(e.getLocation()) + ": not valid YAML: " + problem(e));
        } catch (IOException e) {
            throw new SpateException(SpateException.Category.CONFIG, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** What is wrong, without the excerpt of the file SnakeYAML quotes: that line may hold a secret. */
    private static String problem(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked) {
                String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
                return context + marked.getProblem();
            }
        }
        return e.getOriginalMessage().lines().findFirst().orElse("");
    }

    Path file() {
        return file;
    }

    Object root() {
        return root;
    }

    /** Where the value at {@code path} ({@code sources.orders.rows}, {@code pipelines[0].from}) is written. */
    Location location(String path) {
        Location found = locations.get(path);
        return found != null ? found : Location.of(file);
    }

    Optional<Location> find(String path) {
        return Optional.ofNullable(locations.get(path));
    }

    /** Reads values recursively, recording locations by path. */
    private static final class Reader {
        private final Path file;
        private final Interpolation interpolation;
        private final Map<String, Location> locations = new HashMap<>();

        Reader(Path file, Interpolation interpolation) {
            this.file = file;
            this.interpolation = interpolation;
        }

        Location location(JsonLocation at) {
            return at == null ? Location.of(file) : new Location(file, Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0));
        }

        Object value(JsonParser parser, String path) throws IOException {
            Location here = location(parser.currentTokenLocation());
            locations.putIfAbsent(path, here);
            JsonToken token = parser.currentToken();
            return switch (token) {
                case START_OBJECT -> map(parser, path);
                case START_ARRAY -> list(parser, path);
                case VALUE_STRING -> interpolation.apply(parser.getText(), here + describe(path));
                case VALUE_NUMBER_INT -> parser.getNumberValue();
                case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> parser.getText();
            };
        }

        private Map<String, Object> map(JsonParser parser, String path) throws IOException {
            Map<String, Object> map = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                String keyPath = path.isEmpty() ? key : path + "." + key;
                Location keyLocation = location(parser.currentTokenLocation());
                if (map.containsKey(key)) {
                    throw SpateException.config(keyLocation + ": " + (path.isEmpty() ? "key" : path + " has key")
                            + " \"" + key + "\" twice; keep one");
                }
                locations.put(keyPath, keyLocation);
                parser.nextToken();
                map.put(key, value(parser, keyPath));
            }
            return map;
        }

        private List<Object> list(JsonParser parser, String path) throws IOException {
            List<Object> list = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                list.add(value(parser, path + "[" + list.size() + "]"));
            }
            return list;
        }

        private static String describe(String path) {
            return path.isEmpty() ? "" : " (" + path + ")";
        }
    }
}
