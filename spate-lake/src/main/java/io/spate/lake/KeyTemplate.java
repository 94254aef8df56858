package io.spate.lake;

import io.spate.sdk.SpateException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key prefix of a table's files: a template with {@code {table}}, {@code {schema}}, {@code {date}}
 * ({@code 2026-01-31}), {@code {yyyy}}, {@code {mm}}, {@code {dd}} and {@code {run_id}}, e.g.
 * {@code output/{table}/{yyyy}/{mm}/{dd}/}. The date and run id are those of the run that started the
 * current generation of files, so a resumed run keeps writing where the interrupted one did.
 *
 * @param text the template, ending with {@code /}
 */
public record KeyTemplate(String text) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private static final List<String> KNOWN = List.of("table", "schema", "date", "yyyy", "mm", "dd", "run_id");
    private static final List<String> PER_RUN = List.of("date", "yyyy", "mm", "dd", "run_id");

    public KeyTemplate {
        String t = text.startsWith("/") ? text.substring(1) : text;
        text = t.isEmpty() || t.endsWith("/") ? t : t + "/";
        Matcher m = PLACEHOLDER.matcher(text);
        boolean table = false;
        while (m.find()) {
            if (!KNOWN.contains(m.group(1))) {
                throw SpateException.config("key \"" + text + "\" has an unknown placeholder {" + m.group(1) + "}; use "
                        + String.join(", ", KNOWN.stream().map(k -> "{" + k + "}").toList()));
            }
            table |= m.group(1).equals("table");
        }
        if (!table) {
            throw SpateException.config("key \"" + text + "\" must contain {table}: every table's files need their own prefix,"
                    + " e.g. " + text + "{table}/");
        }
    }

    /** The static start of every key, up to the last {@code /} before the first placeholder: where {@code _spate/} lives. */
    public String root() {
        int brace = text.indexOf('{');
        return text.substring(0, text.lastIndexOf('/', brace) + 1);
    }

    /** The prefix of a table's files in one generation. */
    public String prefix(String schema, String table, LocalDate date, String runId) {
        return resolve(text, schema, table, date, runId);
    }

    /**
     * The prefix that holds every generation's files of a table: the template cut before its first per-run
     * placeholder. {@code replace} and {@code truncate} delete files under it. Empty when {@code {table}} comes
     * after a per-run placeholder ({@code {date}/{table}/}): then no prefix holds one table's files alone.
     */
    public java.util.Optional<String> tableScope(String schema, String table) {
        int cut = text.length();
        for (String placeholder : PER_RUN) {
            int at = text.indexOf("{" + placeholder + "}");
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        String head = text.substring(0, cut);
        head = head.substring(0, head.lastIndexOf('/') + 1);
        if (!head.contains("{table}")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(resolve(head, schema, table, LocalDate.EPOCH, ""));
    }

    private static String resolve(String template, String schema, String table, LocalDate date, String runId) {
        return template.replace("{table}", table).replace("{schema}", schema).replace("{date}", date.toString())
                .replace("{yyyy}", String.format("%04d", date.getYear())).replace("{mm}", String.format("%02d", date.getMonthValue()))
                .replace("{dd}", String.format("%02d", date.getDayOfMonth())).replace("{run_id}", runId);
    }
}
