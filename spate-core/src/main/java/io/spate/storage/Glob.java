package io.spate.storage;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.SpateException;
import java.util.regex.Pattern;

/**
 * A glob over object keys, matched against the whole key:
 * <ul>
 *   <li>{@code *} any characters within one path segment (no {@code /}),</li>
 *   <li>{@code **} any characters across segments; {@code a/**}{@code /b} also matches {@code a/b},</li>
 *   <li>{@code ?} one character other than {@code /},</li>
 *   <li>{@code [abc]}, {@code [a-z]}, {@code [!abc]} one character of (or not of) a set,</li>
 *   <li>{@code {csv,tsv}} one of the alternatives (which may hold globs themselves),</li>
 *   <li>{@code \} makes the next character literal.</li>
 * </ul>
 * {@link #literalPrefix()} is the part before the first wildcard: listing only under it is exact.
 */
public final class Glob {
    private static final String SPECIAL = "*?[{\\";
    /** What {@link #escape} makes literal: every character with a meaning somewhere in a glob or a glob list. */
    private static final String ESCAPED = "*?[]{},\\";

    private final String pattern;
    private final Pattern regex;
    private final String literalPrefix;

    private Glob(String pattern) {
        this.pattern = pattern;
        this.regex = Pattern.compile(toRegex(pattern));
        this.literalPrefix = literalPrefixOf(pattern);
    }

    /** Compiles a glob; fails with a CONFIG error naming the pattern when it is malformed. */
    public static Glob compile(String pattern) {
        requireNonNull(pattern, "pattern is null");
        return new Glob(pattern);
    }

    /** A glob that matches {@code literal} alone (keys may hold {@code *}, {@code [} or {@code ,}). */
    public static String escape(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 8);
        for (char c : literal.toCharArray()) {
            if (ESCAPED.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    public String pattern() {
        return pattern;
    }

    /** The longest prefix every matching key starts with. */
    public String literalPrefix() {
        return literalPrefix;
    }

    public boolean matches(String key) {
        return regex.matcher(key).matches();
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static String literalPrefixOf(String pattern) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                prefix.append(pattern.charAt(++i));
            } else if (SPECIAL.indexOf(c) >= 0) {
                break;
            } else {
                prefix.append(c);
            }
        }
        return prefix.toString();
    }

    private static String toRegex(String glob) {
        StringBuilder out = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= glob.length()) {
                        throw malformed(glob, "it ends with a lone \\");
                    }
                    out.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                }
                case '*' -> {
                    boolean doubleStar = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                    if (!doubleStar) {
                        out.append("[^/]*");
                    } else {
                        i++;
                        boolean atSegmentStart = i == 1 || glob.charAt(i - 2) == '/';
                        boolean slashFollows = i + 1 < glob.length() && glob.charAt(i + 1) == '/';
                        if (atSegmentStart && slashFollows) {
                            i++;
                            out.append("(?:.*/)?");
                        } else {
                            out.append(".*");
                        }
                    }
                }
                case '?' -> out.append("[^/]");
                case '[' -> i = appendCharacterClass(glob, i, out);
                case '{' -> {
                    braces++;
                    out.append("(?:");
                }
                case '}' -> {
                    if (braces == 0) {
                        out.append("\\}");
                    } else {
                        braces--;
                        out.append(')');
                    }
                }
                case ',' -> out.append(braces > 0 ? "|" : ",");
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces > 0) {
            throw malformed(glob, "a { is not closed");
        }
        return out.toString();
    }

    private static int appendCharacterClass(String glob, int open, StringBuilder out) {
        int close = glob.indexOf(']', open + 2);
        if (close < 0) {
            throw malformed(glob, "a [ is not closed");
        }
        String body = glob.substring(open + 1, close);
        boolean negated = body.startsWith("!") || body.startsWith("^");
        if (negated) {
            body = body.substring(1);
        }
        out.append(negated ? "[^/" : "[");
        for (char c : body.toCharArray()) {
            out.append(c == '-' ? "-" : c == '\\' || c == '[' || c == ']' || c == '&' || c == '^' ? "\\" + c : String.valueOf(c));
        }
        out.append(']');
        return close;
    }

    private static SpateException malformed(String glob, String why) {
        return SpateException.config("glob \"" + glob + "\" is malformed: " + why);
    }
}
