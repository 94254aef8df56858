package io.spate.filter;

import io.spate.filter.FilterLexer.Kind;
import io.spate.filter.FilterLexer.Token;
import io.spate.sdk.SpateException;
import io.spate.types.CoercionException;
import io.spate.types.TextValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A recursive-descent parser of the filter grammar (see docs/filters.md). Precedence, loosest first:
 * {@code or}, {@code and}, {@code not}, then predicates; parentheses group.
 */
final class FilterParser {
    private static final String OPERATORS = "=, !=, <>, <, <=, >, >=, in, not in, between, is, like";

    /** Deepest nesting of parentheses and nots; deeper text is surely a mistake, and would exhaust the stack. */
    static final int MAX_DEPTH = 200;

    private final String text;
    private final List<Token> tokens;
    private int position;
    private int depth;

    private FilterParser(String text) {
        this.text = text;
        this.tokens = FilterLexer.tokenize(text);
    }

    static Expression parse(String text) {
        FilterParser parser = new FilterParser(text);
        if (parser.peek().kind() == Kind.END) {
            throw SpateException.config("filter: is empty; write a condition such as year = 2024, or leave the option out");
        }
        Expression expression = parser.or();
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw parser.error(rest, rest.isSymbol(")")
                    ? "unmatched \")\""
                    : "expected and, or or the end of the filter but found " + rest.describe(text));
        }
        return expression;
    }

    private Expression or() {
        List<Expression> operands = new ArrayList<>();
        addFlattened(operands, and(), true);
        while (peek().isWord("or")) {
            position++;
            addFlattened(operands, and(), true);
        }
        return operands.size() == 1 ? operands.get(0) : new Expression.Or(operands);
    }

    private Expression and() {
        List<Expression> operands = new ArrayList<>();
        addFlattened(operands, not(), false);
        while (peek().isWord("and")) {
            position++;
            addFlattened(operands, not(), false);
        }
        return operands.size() == 1 ? operands.get(0) : new Expression.And(operands);
    }

    private static void addFlattened(List<Expression> operands, Expression operand, boolean or) {
        if (or && operand instanceof Expression.Or nested) {
            operands.addAll(nested.operands());
        } else if (!or && operand instanceof Expression.And nested) {
            operands.addAll(nested.operands());
        } else {
            operands.add(operand);
        }
    }

    private Expression not() {
        Token token = peek();
        if (token.isWord("not")) {
            position++;
            enter(token);
            Expression operand = not();
            depth--;
            return new Expression.Not(operand);
        }
        return primary();
    }

    private Expression primary() {
        Token token = peek();
        if (token.isSymbol("(")) {
            position++;
            enter(token);
            Expression inner = or();
            expectSymbol(")", "to close the \"(\" at column " + (token.start() + 1));
            depth--;
            return inner;
        }
        return predicate(column());
    }

    private void enter(Token token) {
        if (++depth > MAX_DEPTH) {
            throw error(token, "more than " + MAX_DEPTH + " nested parentheses and nots");
        }
    }

    private ColumnRef column() {
        Token token = next();
        if (token.kind() == Kind.QUOTED_NAME) {
            return new ColumnRef(token.value(), true);
        }
        if (token.kind() == Kind.WORD && !FilterLexer.isReserved(token.value())) {
            return new ColumnRef(token.value(), false);
        }
        String hint = token.kind() == Kind.WORD ? " (quote a column named like a keyword: \"" + token.value() + "\")"
                : token.kind() == Kind.STRING || token.kind() == Kind.NUMBER ? " (a condition starts with the column: year = 2024)"
                : "";
        throw error(token, "expected a column name but found " + token.describe(text) + hint);
    }

    private Expression predicate(ColumnRef column) {
        Token after = peek();
        if (after.kind() == Kind.END || after.isSymbol(")") || after.isWord("and") || after.isWord("or")) {
            // a column alone is a boolean condition: "not deleted" means "not deleted = true"
            return new Expression.Comparison(column, Operator.EQUAL, new Literal.BooleanLiteral(true));
        }
        Token token = next();
        if (token.kind() == Kind.SYMBOL) {
            Operator operator = switch (token.value()) {
                case "=" -> Operator.EQUAL;
                case "!=", "<>" -> Operator.NOT_EQUAL;
                case "<" -> Operator.LESS;
                case "<=" -> Operator.LESS_OR_EQUAL;
                case ">" -> Operator.GREATER;
                case ">=" -> Operator.GREATER_OR_EQUAL;
                default -> null;
            };
            if (operator != null) {
                return new Expression.Comparison(column, operator, literal("after \"" + token.value() + "\""));
            }
        }
        if (token.isWord("is")) {
            boolean negated = peek().isWord("not");
            if (negated) {
                position++;
            }
            Token nullWord = next();
            if (!nullWord.isWord("null")) {
                throw error(nullWord, "expected null after \"is" + (negated ? " not" : "") + "\" but found "
                        + nullWord.describe(text));
            }
            return new Expression.IsNull(column, negated);
        }
        boolean negated = token.isWord("not");
        Token keyword = negated ? next() : token;
        if (keyword.isWord("in")) {
            return new Expression.In(column, inList(), negated);
        }
        if (keyword.isWord("between")) {
            Literal low = literal("after \"between\"");
            Token and = next();
            if (!and.isWord("and")) {
                throw error(and, "expected \"and\" between the two values of between but found " + and.describe(text));
            }
            return new Expression.Between(column, low, literal("after \"and\""), negated);
        }
        if (keyword.isWord("like")) {
            return like(column, negated);
        }
        throw error(keyword, negated
                ? "expected in, between or like after \"not\" but found " + keyword.describe(text)
                : "expected an operator (" + OPERATORS + ") after the column " + column.render() + " but found " + keyword.describe(text));
    }

    private List<Literal> inList() {
        expectSymbol("(", "after \"in\"");
        List<Literal> values = new ArrayList<>();
        values.add(literal("in the list"));
        while (peek().isSymbol(",")) {
            position++;
            values.add(literal("after \",\""));
        }
        expectSymbol(")", "or \",\" in the list");
        return values;
    }

    private Expression like(ColumnRef column, boolean negated) {
        Token pattern = next();
        if (pattern.kind() != Kind.STRING) {
            throw error(pattern, "expected a pattern in single quotes after \"like\" but found " + pattern.describe(text));
        }
        Optional<Character> escape = Optional.empty();
        if (peek().isWord("escape")) {
            position++;
            Token escapeToken = next();
            if (escapeToken.kind() != Kind.STRING || escapeToken.value().length() != 1) {
                throw error(escapeToken, "expected one character in single quotes after \"escape\" but found "
                        + escapeToken.describe(text));
            }
            escape = Optional.of(escapeToken.value().charAt(0));
        }
        try {
            LikePattern.compile(pattern.value(), escape);
        } catch (IllegalArgumentException e) {
            throw error(pattern, e.getMessage());
        }
        return new Expression.Like(column, pattern.value(), escape, negated);
    }

    private Literal literal(String where) {
        Token token = next();
        switch (token.kind()) {
            case STRING:
                return new Literal.StringLiteral(token.value());
            case NUMBER:
                return number(token, false);
            case SYMBOL:
                if ((token.isSymbol("-") || token.isSymbol("+")) && peek().kind() == Kind.NUMBER) {
                    return number(next(), token.isSymbol("-"));
                }
                break;
            case WORD:
                if (token.isWord("true") || token.isWord("false")) {
                    return new Literal.BooleanLiteral(token.isWord("true"));
                }
                if (token.isWord("null")) {
                    return new Literal.NullLiteral();
                }
                if ((token.isWord("date") || token.isWord("timestamp")) && peek().kind() == Kind.STRING) {
                    return temporal(token, next());
                }
                break;
            default:
                break;
        }
        String hint = token.kind() == Kind.WORD && !FilterLexer.isReserved(token.value())
                ? " (text goes in single quotes: '" + token.value() + "'; comparing two columns is not supported)"
                : token.kind() == Kind.QUOTED_NAME ? " (double quotes name a column; text goes in single quotes: '"
                        + token.value().replace("'", "''") + "')"
                : "";
        throw error(token, "expected a value " + where + " but found " + token.describe(text) + hint);
    }

    private Literal number(Token token, boolean negative) {
        String digits = (negative ? "-" : "") + token.value();
        boolean integer = digits.chars().allMatch(c -> c == '-' || c >= '0' && c <= '9');
        if (integer) {
            try {
                return new Literal.IntegerLiteral(Long.parseLong(digits));
            } catch (NumberFormatException e) {
                // beyond a long: kept exact as a decimal
            }
        }
        return new Literal.DecimalLiteral(new BigDecimal(digits));
    }

    private Literal temporal(Token keyword, Token value) {
        boolean date = keyword.isWord("date");
        try {
            if (date) {
                return new Literal.DateLiteral(TextValues.parseDate(value.value()));
            }
            if (TextValues.hasOffset(value.value().trim())) {
                return new Literal.InstantLiteral(TextValues.parseInstant(value.value()));
            }
            return new Literal.TimestampLiteral(TextValues.parseLocalDateTime(value.value()));
        } catch (CoercionException e) {
            throw error(value, "invalid " + (date ? "date " : "timestamp ") + value.describe(text) + ": it " + e.getMessage());
        }
    }

    private void expectSymbol(String symbol, String why) {
        Token token = next();
        if (!token.isSymbol(symbol)) {
            throw error(token, "expected \"" + symbol + "\" " + why + " but found " + token.describe(text));
        }
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    private RuntimeException error(Token token, String problem) {
        return FilterErrors.at(text, token.start(), problem);
    }
}
