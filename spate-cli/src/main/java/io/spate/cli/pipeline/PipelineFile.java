package io.spate.cli.pipeline;

import io.spate.sdk.Configuration;
import io.spate.sdk.Secrets;
import io.spate.sdk.SpateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a pipeline file (or {@code --connector NAME --config configuration.json}) asks for: the pipelines
 * to run, and the secret values found while reading it. The connectors are not looked up here; that and
 * the validation of each block's options happen when the pipelines are planned.
 *
 * <pre>{@code
 * sources:       { NAME: { connector: ..., KEY: VALUE ... } ... }
 * destinations:  { NAME: { connector: ..., KEY: VALUE ... } ... }   # optional: the embedded DuckDB
 * pipelines:     [ { from: SOURCE, to: [DESTINATION ...] } ... ]   # optional with one destination
 * convert:       { NAME: { from: URI, to: [FORMAT ...], out: URI, OPTION: VALUE ... } ... }   # optional
 * }</pre>
 *
 * @param file the file read
 * @param pipelines the pipelines, in the order written; empty when the file only declares conversions
 * @param secretValues values to redact in every output: of secret-named keys and secret-named variables
 * @param converts the conversions of the {@code convert:} section, in the order written
 */
public record PipelineFile(Path file, List<Pipeline> pipelines, Set<String> secretValues, List<ConvertJob> converts) {

    /** The name of the destination used when a file names none. */
    public static final String DEFAULT_DESTINATION = "warehouse";
    /** Its connector: the embedded DuckDB warehouse. */
    public static final String DEFAULT_DESTINATION_CONNECTOR = "duckdb";

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("sources", "destinations", "pipelines", "convert");
    private static final Set<String> PIPELINE_KEYS = Set.of("from", "to");

    public PipelineFile {
        pipelines = List.copyOf(pipelines);
        secretValues = Set.copyOf(secretValues);
        converts = List.copyOf(converts);
    }

    /** A file without conversions. */
    public PipelineFile(Path file, List<Pipeline> pipelines, Set<String> secretValues) {
        this(file, pipelines, secretValues, List.of());
    }

    /** Reads a pipeline file, interpolating {@code ${VAR}} from {@code environment}. */
    public static PipelineFile load(Path file, Map<String, String> environment) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw SpateException.config("pipeline file " + file + " does not exist");
        } catch (IOException e) {
            throw new SpateException(SpateException.Category.CONFIG, "cannot read pipeline file " + file + ": " + e, e);
        }
        return parse(file, text, environment);
    }

    /**
     * Reads a pipeline file's text, interpolating {@code ${VAR}} from {@code environment}; {@code file} names
     * it in messages (for a pipeline held in an environment variable, say).
     */
    public static PipelineFile parse(Path file, String text, Map<String, String> environment) {
        Set<String> secrets = new LinkedHashSet<>();
        YamlDocument document = YamlDocument.read(file, text, environment, secrets);
        return new Reader(document, secrets).read();
    }

    /** One source given as {@code --connector NAME} and a flat {@code configuration.json}, into the default destination. */
    public static PipelineFile ofConnector(String connector, Configuration configuration, Path configurationFile) {
        Block source = new Block(connector, connector, configuration.with("connector", connector),
                Location.of(configurationFile), Map.of());
        Set<String> secrets = new LinkedHashSet<>(secretValuesByKeyName(configuration.asMap()));
        return new PipelineFile(configurationFile, List.of(new Pipeline(connector, source,
                List.of(defaultDestination(Location.of(configurationFile))))), secrets);
    }

    /** The embedded DuckDB warehouse under the work directory, with its default options. */
    static Block defaultDestination(Location location) {
        return new Block(DEFAULT_DESTINATION, DEFAULT_DESTINATION_CONNECTOR,
                Configuration.of(Map.of("connector", DEFAULT_DESTINATION_CONNECTOR)), location, Map.of());
    }

    private static List<String> secretValuesByKeyName(Map<String, Object> values) {
        List<String> secrets = new ArrayList<>();
        values.forEach((key, value) -> {
            if (value != null && Secrets.isSensitiveKey(key)) {
                secrets.add(String.valueOf(value));
            }
        });
        return secrets;
    }

    /** Turns the YAML values into blocks and pipelines, with messages that name the place. */
    private static final class Reader {
        private final YamlDocument document;
        private final Set<String> secrets;

        Reader(YamlDocument document, Set<String> secrets) {
            this.document = document;
            this.secrets = secrets;
        }

        PipelineFile read() {
            Map<String, Object> top = asMap(document.root(), "", "the file");
            for (String key : top.keySet()) {
                if (!TOP_LEVEL_KEYS.contains(key)) {
                    throw error(key, "unknown key \"" + key + "\": a pipeline file has sources, destinations, pipelines and convert");
                }
            }
            List<ConvertJob> converts = top.get("convert") == null ? List.of() : converts(top.get("convert"));
            if (!top.containsKey("sources") && !converts.isEmpty()) {
                if (top.containsKey("destinations") || top.containsKey("pipelines")) {
                    throw error("convert", "destinations and pipelines need sources: add sources, or keep only convert");
                }
                return new PipelineFile(document.file(), List.of(), secrets, converts);
            }
            if (!top.containsKey("sources")) {
                throw SpateException.config(document.file() + ": no sources: add\nsources:\n  NAME:\n    connector: ...");
            }
            Map<String, Block> sources = blocks(top.get("sources"), "sources");
            if (sources.isEmpty()) {
                throw error("sources", "sources is empty: add at least one source");
            }
            Map<String, Block> destinations = top.get("destinations") == null ? Map.of()
                    : blocks(top.get("destinations"), "destinations");
            List<Pipeline> pipelines = top.get("pipelines") == null ? implicitPipelines(sources, destinations)
                    : explicitPipelines(top.get("pipelines"), sources, destinations);
            return new PipelineFile(document.file(), pipelines, secrets, converts);
        }

        private List<ConvertJob> converts(Object value) {
            List<ConvertJob> jobs = new ArrayList<>();
            asMap(value, "convert", "convert").forEach((name, body) -> {
                String path = "convert." + name;
                Map<String, Object> keys = new LinkedHashMap<>(asMap(body, path, "conversion " + name));
                secrets.addAll(secretValuesByKeyName(keys));
                List<String> missing = new ArrayList<>();
                String from = text(keys.remove("from"), "from", missing);
                Object to = keys.remove("to");
                String out = text(keys.remove("out"), "out", missing);
                List<String> formats = to instanceof List<?> list ? list.stream().map(String::valueOf).map(String::trim).toList()
                        : to == null ? List.of() : List.of(String.valueOf(to).split(",")).stream().map(String::trim).toList();
                if (formats.isEmpty() || formats.stream().anyMatch(String::isEmpty)) {
                    missing.add("to (the output formats, e.g. [parquet, avro])");
                }
                if (!missing.isEmpty()) {
                    throw error(path, "conversion " + name + " needs " + String.join(", ", missing));
                }
                jobs.add(new ConvertJob(name, from, formats, out, keys, document.location(path)));
            });
            if (jobs.isEmpty()) {
                throw error("convert", "convert is empty: add \"NAME: {from: URI, to: [parquet], out: URI}\", or remove it");
            }
            return jobs;
        }

        private static String text(Object value, String key, List<String> missing) {
            if (value == null || value instanceof Map || value instanceof List || String.valueOf(value).isBlank()) {
                missing.add(key + (key.equals("from") ? " (the source URI)" : " (the destination URI)"));
                return "";
            }
            return String.valueOf(value).trim();
        }

        private Map<String, Block> blocks(Object value, String section) {
            Map<String, Block> blocks = new LinkedHashMap<>();
            asMap(value, section, section).forEach((name, body) -> {
                String path = section + "." + name;
                Map<String, Object> keys = asMap(body, path, section.substring(0, section.length() - 1) + " " + name);
                Object connector = keys.get("connector");
                if (connector == null || connector instanceof Map || connector instanceof List
                        || String.valueOf(connector).isBlank()) {
                    throw error(path, path + " has no connector: add \"connector: NAME\" (a built-in name or a class name)");
                }
                Map<String, Location> keyLocations = new HashMap<>();
                keys.keySet().forEach(key -> document.find(path + "." + key).ifPresent(at -> keyLocations.put(key, at)));
                secrets.addAll(secretValuesByKeyName(keys));
                blocks.put(name, new Block(name, String.valueOf(connector).trim(), Configuration.of(keys),
                        document.location(path), keyLocations));
            });
            return blocks;
        }

        private List<Pipeline> implicitPipelines(Map<String, Block> sources, Map<String, Block> destinations) {
            if (destinations.size() > 1) {
                throw error("destinations", "with " + destinations.size() + " destinations, say which source goes where:\n"
                        + "pipelines:\n  - from: " + sources.keySet().iterator().next() + "\n    to: "
                        + List.copyOf(destinations.keySet()));
            }
            Block destination = destinations.isEmpty() ? defaultDestination(document.location("sources"))
                    : destinations.values().iterator().next();
            return sources.values().stream().map(source -> new Pipeline(source.name(), source, List.of(destination))).toList();
        }

        private List<Pipeline> explicitPipelines(Object value, Map<String, Block> sources, Map<String, Block> destinations) {
            if (!(value instanceof List<?> entries)) {
                throw error("pipelines", "pipelines must be a list of \"- from: SOURCE\" / \"to: [DESTINATION, ...]\"");
            }
            List<Pipeline> pipelines = new ArrayList<>();
            Set<String> seenSources = new LinkedHashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                String path = "pipelines[" + i + "]";
                Map<String, Object> entry = asMap(entries.get(i), path, path);
                for (String key : entry.keySet()) {
                    if (!PIPELINE_KEYS.contains(key)) {
                        throw error(path + "." + key, "unknown key \"" + key + "\" in a pipeline: use from and to");
                    }
                }
                Object from = entry.get("from");
                if (from == null || !sources.containsKey(String.valueOf(from))) {
                    throw error(from == null ? path : path + ".from", path + ".from must name a source, one of "
                            + sources.keySet() + (from == null ? "" : "; got \"" + from + "\""));
                }
                String sourceName = String.valueOf(from);
                if (!seenSources.add(sourceName)) {
                    throw error(path + ".from", "source \"" + sourceName + "\" is in two pipelines; its state is kept"
                            + " per source, so list all its destinations in one: to: [a, b]");
                }
                pipelines.add(new Pipeline(sourceName, sources.get(sourceName),
                        destinationsOf(entry.get("to"), path + ".to", destinations)));
            }
            if (pipelines.isEmpty()) {
                throw error("pipelines", "pipelines is empty: add \"- from: SOURCE\" entries, or remove it");
            }
            return pipelines;
        }

        private List<Block> destinationsOf(Object to, String path, Map<String, Block> destinations) {
            if (to == null) {
                if (destinations.size() > 1) {
                    throw error(path.substring(0, path.length() - 3), "say where it goes: to: " + List.copyOf(destinations.keySet()));
                }
                return List.of(destinations.isEmpty() ? defaultDestination(document.location(path)) : destinations.values().iterator().next());
            }
            List<?> names = to instanceof List<?> list ? list : List.of(to);
            List<Block> blocks = new ArrayList<>();
            for (Object name : names) {
                Block destination = destinations.get(String.valueOf(name));
                if (destination == null && destinations.isEmpty() && DEFAULT_DESTINATION.equals(String.valueOf(name))) {
                    destination = defaultDestination(document.location(path));
                }
                if (destination == null) {
                    throw error(path, path + " names \"" + name + "\", which is not a destination; destinations: "
                            + (destinations.isEmpty() ? "[" + DEFAULT_DESTINATION + "] (the default)" : destinations.keySet()));
                }
                blocks.add(destination);
            }
            if (blocks.isEmpty()) {
                throw error(path, path + " is empty: name at least one destination");
            }
            return blocks;
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> asMap(Object value, String path, String what) {
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            if (value == null && !path.isEmpty()) {
                return Map.of();
            }
            throw error(path, what + " must be a map of keys to values");
        }

        private SpateException error(String path, String message) {
            return SpateException.config(document.location(path) + ": " + message);
        }
    }
}
