package io.spate.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Splits filter text into tokens, each with its position for error messages. */
final class FilterLexer {
    /** Words that are never column names unless double-quoted. */
    private static final Set<String> RESERVED = Set.of("and", "or", "not", "in", "between", "is", "null", "like",
            "escape", "true", "false");

    enum Kind { WORD, QUOTED_NAME, STRING, NUMBER, SYMBOL, END }

    /**
     * One token.
     *
     * @param value the word, the unquoted name or text, the number or the symbol
     * @param start offset of the first character in the filter text
     * @param end offset after the last character
     */
    record Token(Kind kind, String value, int start, int end) {
        boolean isWord(String word) {
            return kind == Kind.WORD && value.equalsIgnoreCase(word);
        }

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && value.equals(symbol);
        }

        /** How the token is named in an error: {@code "and"}, {@code 'text'}, {@code end of filter}. */
        String describe(String text) {
            return switch (kind) {
                case END -> "end of filter";
                case STRING -> text.substring(start, end);
                default -> "\"" + text.substring(start, end) + "\"";
            };
        }
    }

    private FilterLexer() {
    }

    static boolean isReserved(String word) {
        return RESERVED.contains(word.toLowerCase(Locale.ROOT));
    }

    static boolean isBareIdentifier(String name) {
        if (name.isEmpty() || !isIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!isIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0, n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (isIdentifierStart(c)) {
                int start = i;
                while (i < n && isIdentifierPart(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i), start, i));
            } else if (c >= '0' && c <= '9' || c == '.' && i + 1 < n && isDigit(text.charAt(i + 1))) {
                i = number(text, i, tokens);
            } else if (c == '\'') {
                i = quoted(text, i, '\'', Kind.STRING, tokens);
            } else if (c == '"') {
                i = quoted(text, i, '"', Kind.QUOTED_NAME, tokens);
            } else {
                i = symbol(text, i, tokens);
            }
        }
        tokens.add(new Token(Kind.END, "", n, n));
        return tokens;
    }

    private static int number(String text, int start, List<Token> tokens) {
        int i = start, n = text.length();
        while (i < n && isDigit(text.charAt(i))) {
            i++;
        }
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int exponent = i + 1;
            if (exponent < n && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < n && isDigit(text.charAt(exponent))) {
                i = exponent;
                while (i < n && isDigit(text.charAt(i))) {
                    i++;
                }
            }
        }
        if (i < n && isIdentifierPart(text.charAt(i))) {
            int end = i;
            while (end < n && isIdentifierPart(text.charAt(end))) {
                end++;
            }
            throw FilterErrors.at(text, start, "\"" + text.substring(start, end) + "\" is not a number"
                    + " (names start with a letter or _; quote other names in double quotes)");
        }
        tokens.add(new Token(Kind.NUMBER, text.substring(start, i), start, i));
        return i;
    }

    private static int quoted(String text, int start, char quote, Kind kind, List<Token> tokens) {
        StringBuilder value = new StringBuilder();
        int i = start + 1, n = text.length();
        while (true) {
            if (i >= n) {
                throw FilterErrors.at(text, start, kind == Kind.STRING
                        ? "unterminated string (close it with ')"
                        : "unterminated quoted name (close it with \")");
            }
            char c = text.charAt(i);
            if (c == quote) {
                if (i + 1 < n && text.charAt(i + 1) == quote) {
                    value.append(quote);
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            value.append(c);
            i++;
        }
        if (kind == Kind.QUOTED_NAME && value.length() == 0) {
            throw FilterErrors.at(text, start, "empty quoted name");
        }
        tokens.add(new Token(kind, value.toString(), start, i));
        return i;
    }

    private static int symbol(String text, int i, List<Token> tokens) {
        char c = text.charAt(i);
        char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
        String symbol = switch (c) {
            case '<' -> next == '=' ? "<=" : next == '>' ? "<>" : "<";
            case '>' -> next == '=' ? ">=" : ">";
            case '!' -> next == '=' ? "!=" : null;
            case '=' -> next == '=' ? "==" : "=";
            case '(', ')', ',', '-', '+' -> String.valueOf(c);
            default -> null;
        };
        if (symbol == null) {
            throw FilterErrors.at(text, i, "unexpected character \"" + new String(Character.toChars(text.codePointAt(i))) + "\"");
        }
        if (symbol.equals("==")) {
            throw FilterErrors.at(text, i, "unexpected \"==\" (compare with =)");
        }
        tokens.add(new Token(Kind.SYMBOL, symbol, i, i + symbol.length()));
        return i + symbol.length();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }
}
