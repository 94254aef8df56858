package io.spate.cli.pipeline;

import io.spate.sdk.Secrets;
import io.spate.sdk.SpateException;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in configuration values with environment variables,
 * as a shell does: the default applies when the variable is unset or empty; {@code $${} writes a literal
 * {@code ${}. Values of variables whose names look secret ({@code DB_PASSWORD}, {@code API_TOKEN}) are
 * collected for redaction wherever they end up.
 */
final class Interpolation {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> environment;
    private final Collection<String> secretValues;

    /**
     * @param environment the variables to read
     * @param secretValues receives the values of secret-looking variables that were substituted
     */
    Interpolation(Map<String, String> environment, Collection<String> secretValues) {
        this.environment = environment;
        this.secretValues = secretValues;
    }

    /**
     * The text with every reference replaced.
     *
     * @param where the place of the text, named in errors ("quickstart.yaml line 3, column 9 (sources.orders.rows)")
     */
    String apply(String text, String where) {
        if (!text.contains("${")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw SpateException.config(where + ": \"${\" is not closed: write ${VAR} or ${VAR:-default}"
                            + " (or $${ for a literal ${)");
                }
                out.append(resolve(text.substring(i + 2, close), where));
                i = close + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private String resolve(String reference, String where) {
        int separator = reference.indexOf(":-");
        String name = separator < 0 ? reference : reference.substring(0, separator);
        if (!NAME.matcher(name).matches()) {
            throw SpateException.config(where + ": ${" + reference + "} does not name a variable: write ${VAR} or "
                    + "${VAR:-default} with VAR made of letters, digits and _");
        }
        String value = environment.get(name);
        if (value == null || (value.isEmpty() && separator >= 0)) {
            if (separator < 0) {
                throw SpateException.config(where + ": environment variable " + name + " is not set: export "
                        + name + "=... or write ${" + name + ":-default}");
            }
            return reference.substring(separator + 2);
        }
        if (Secrets.isSensitiveKey(name)) {
            secretValues.add(value);
        }
        return value;
    }
}
