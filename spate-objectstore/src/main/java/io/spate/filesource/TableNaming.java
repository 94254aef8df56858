package io.spate.filesource;

import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import io.spate.storage.HivePartitions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Decides the table of each object from its key (relative to the source's prefix). Without options: the
 * file name without its format and compression extensions ({@code orders.csv.gz} -> {@code orders}).
 * With {@code table}: a fixed name, or a template of {@code {file}}, {@code {dir}} (the nearest directory
 * that is not a {@code name=value} partition), {@code {path}} (the directories joined by {@code _}) and the
 * groups of {@code table_regex} ({@code {1}}, {@code {name}}). Names keep letters, digits and {@code _};
 * any other character becomes {@code _}.
 */
final class TableNaming {
    static final Set<String> FORMAT_EXTENSIONS = Set.of("csv", "tsv", "tab", "json", "jsonl", "ndjson", "parquet", "avro",
            "txt", "text", "log");
    static final Set<String> COMPRESSION_EXTENSIONS = Set.of("gz", "gzip", "bz2", "zst", "zstd", "xz", "lz4", "sz", "snappy",
            "deflate", "zz", "zip");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private final Optional<String> template;
    private final Optional<Pattern> regex;
    private final String topName;

    private TableNaming(Optional<String> template, Optional<Pattern> regex, String topName) {
        this.template = template;
        this.regex = regex;
        this.topName = topName;
    }

    static TableNaming from(Configuration config, SourceLocation location) {
        Optional<Pattern> regex = config.find(FileSourceOptions.TABLE_REGEX).map(text -> {
            try {
                return Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                throw SpateException.config("table_regex \"" + text + "\" is not a valid regex: " + e.getDescription());
            }
        });
        Optional<String> template = config.find(FileSourceOptions.TABLE);
        if (regex.isPresent() && template.isEmpty() && regex.get().matcher("").groupCount() < 1) {
            throw SpateException.config("table_regex \"" + regex.get() + "\" has no group: put the table name in (...)"
                    + " or set table to a template such as {1}");
        }
        return new TableNaming(template, regex, location.topName());
    }

    /** The table of the object, or empty when table_regex is given and does not match its key. */
    Optional<String> tableOf(String relativeKey) {
        Matcher matcher = null;
        if (regex.isPresent()) {
            matcher = regex.get().matcher(relativeKey);
            if (!matcher.find()) {
                return Optional.empty();
            }
        }
        String name;
        if (template.isEmpty()) {
            name = matcher != null ? matcher.group(1) : baseName(relativeKey);
        } else {
            name = fill(template.get(), relativeKey, matcher);
        }
        String clean = sanitize(name);
        if (clean.isEmpty()) {
            throw SpateException.config("the table name of " + relativeKey + " is empty (table: " + template.orElse("default")
                    + "); set table to a fixed name or a template that gives a name");
        }
        return Optional.of(clean);
    }

    private String fill(String text, String relativeKey, Matcher matcher) {
        Matcher placeholders = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (placeholders.find()) {
            String name = placeholders.group(1);
            String value = switch (name) {
                case "file" -> baseName(relativeKey);
                case "dir" -> directoryOf(relativeKey);
                case "path" -> pathOf(relativeKey);
                default -> group(name, matcher, text);
            };
            placeholders.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        placeholders.appendTail(out);
        return out.toString();
    }

    private static String group(String name, Matcher matcher, String template) {
        if (matcher == null) {
            throw SpateException.config("table \"" + template + "\" uses {" + name + "}, which is not {file}, {dir} or {path};"
                    + " set table_regex for groups");
        }
        try {
            return name.chars().allMatch(Character::isDigit) ? matcher.group(Integer.parseInt(name)) : matcher.group(name);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw SpateException.config("table \"" + template + "\" uses {" + name + "}, but table_regex \"" + matcher.pattern()
                    + "\" has no such group");
        }
    }

    /** The file name without known format and compression extensions. */
    static String baseName(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        while (true) {
            int dot = name.lastIndexOf('.');
            if (dot <= 0) {
                return name;
            }
            String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (!FORMAT_EXTENSIONS.contains(extension) && !COMPRESSION_EXTENSIONS.contains(extension)) {
                return name;
            }
            name = name.substring(0, dot);
        }
    }

    private String directoryOf(String key) {
        String[] segments = key.split("/");
        for (int i = segments.length - 2; i >= 0; i--) {
            if (!HivePartitions.isPartitionSegment(segments[i])) {
                return segments[i];
            }
        }
        return topName;
    }

    private String pathOf(String key) {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? topName : key.substring(0, slash).replace('/', '_');
    }

    static String sanitize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(Character.isLetterOrDigit(c) || c == '_' ? c : '_');
        }
        return out.toString();
    }
}
