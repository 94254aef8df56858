package io.spate.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a PostgreSQL keyset read goes through {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} instead of a
 * cursor: the wire type of every selected column and the COPY statement of a {@link ScanQuery}.
 *
 * <p>A column is read through COPY only where its binary value decodes to exactly what the cursor path's getter
 * returns: the natural pairs (int4 as INT, numeric as DECIMAL, timestamptz as UTC_DATETIME, ...); a column read
 * as text whose type has no text wire form is cast to {@code text}, which is what the driver returns for it.
 * A table with any other pairing (a table_spec override such as an int4 column declared LONG) is read through
 * the cursor, as before. COPY takes no bind parameters, so the bounds and filter values are written into the
 * statement as typed literals of the very types the cursor path binds them as.
 *
 * @param select the columns to select, in order (a text read of another type is cast to text)
 * @param wires how each selected value is decoded
 */
record CopyQuery(List<SourceColumn> select, List<BinaryCopyDecoder.Wire> wires) {
    /** Types whose binary form is their text in the client encoding. */
    private static final Set<String> TEXT_WIRE_TYPES = Set.of("text", "varchar", "bpchar", "name", "json");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter TIMESTAMPTZ = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");

    CopyQuery {
        select = List.copyOf(select);
        wires = List.copyOf(wires);
    }

    /** The COPY reading of these columns, or empty when one of them is read in a way COPY cannot reproduce. */
    static Optional<CopyQuery> of(List<SourceColumn> columns) {
        List<SourceColumn> select = new ArrayList<>(columns.size());
        List<BinaryCopyDecoder.Wire> wires = new ArrayList<>(columns.size());
        for (SourceColumn column : columns) {
            boolean plain = column.selectExpression().equals(Sql.quote(column.name()));
            String type = plain ? baseType(column.sourceType())
                    : column.selectExpression().endsWith("::text") ? "text" : "";
            if (column.kind() == ValueKind.TEXT) {
                if (TEXT_WIRE_TYPES.contains(type)) {
                    wires.add(BinaryCopyDecoder.Wire.TEXT);
                    select.add(column);
                } else if (type.equals("jsonb")) {
                    wires.add(BinaryCopyDecoder.Wire.JSONB);
                    select.add(column);
                } else {
                    wires.add(BinaryCopyDecoder.Wire.TEXT);
                    select.add(new SourceColumn(column.name(), column.sourceType(), column.castType(), column.type(),
                            column.kind(), "(" + column.selectExpression() + ")::text"));
                }
                continue;
            }
            Optional<BinaryCopyDecoder.Wire> wire = wire(column.kind(), type);
            if (wire.isEmpty()) {
                return Optional.empty();
            }
            wires.add(wire.get());
            select.add(column);
        }
        return Optional.of(new CopyQuery(select, wires));
    }

    private static Optional<BinaryCopyDecoder.Wire> wire(ValueKind kind, String type) {
        BinaryCopyDecoder.Wire wire = switch (kind) {
            case BOOLEAN -> type.equals("bool") ? BinaryCopyDecoder.Wire.BOOL : null;
            case SHORT -> type.equals("int2") ? BinaryCopyDecoder.Wire.INT2 : null;
            case INT -> type.equals("int4") ? BinaryCopyDecoder.Wire.INT4 : null;
            case LONG -> type.equals("int8") ? BinaryCopyDecoder.Wire.INT8
                    : type.equals("oid") ? BinaryCopyDecoder.Wire.OID : null;
            case FLOAT -> type.equals("float4") ? BinaryCopyDecoder.Wire.FLOAT4 : null;
            case DOUBLE -> type.equals("float8") ? BinaryCopyDecoder.Wire.FLOAT8 : null;
            case DECIMAL -> type.equals("numeric") ? BinaryCopyDecoder.Wire.NUMERIC : null;
            case DATE -> type.equals("date") ? BinaryCopyDecoder.Wire.DATE : null;
            case TIMESTAMP -> type.equals("timestamp") ? BinaryCopyDecoder.Wire.TIMESTAMP : null;
            case TIMESTAMPTZ -> type.equals("timestamptz") ? BinaryCopyDecoder.Wire.TIMESTAMPTZ : null;
            case BYTES -> type.equals("bytea") ? BinaryCopyDecoder.Wire.BYTEA : null;
            case TEXT -> BinaryCopyDecoder.Wire.TEXT;
        };
        return Optional.ofNullable(wire);
    }

    /** {@code numeric(12,2)} -> {@code numeric}. */
    private static String baseType(String sourceType) {
        int paren = sourceType.indexOf('(');
        return paren < 0 ? sourceType : sourceType.substring(0, paren);
    }

    /**
     * {@code COPY (query, its parameters written as literals [LIMIT limit]) TO STDOUT (FORMAT binary)}, or empty
     * when a parameter has no literal form here (then the cursor path reads with bound parameters).
     */
    static Optional<String> statement(ScanQuery query, long limit) {
        String sql = query.sql();
        StringBuilder out = new StringBuilder(sql.length() + 64).append("COPY (");
        int parameter = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '"' || c == '\'') {
                int end = closingQuote(sql, i, c);
                out.append(sql, i, end + 1);
                i = end;
            } else if (c == '?') {
                Optional<String> literal = literal(query.parameters().get(parameter++));
                if (literal.isEmpty()) {
                    return Optional.empty();
                }
                out.append(literal.get());
            } else {
                out.append(c);
            }
        }
        if (parameter != query.parameters().size()) {
            throw new IllegalStateException("query has " + parameter + " placeholders for "
                    + query.parameters().size() + " parameters: " + sql);
        }
        if (limit > 0) {
            out.append(" LIMIT ").append(limit);
        }
        return Optional.of(out.append(") TO STDOUT (FORMAT binary)").toString());
    }

    /**
     * A parameter as a literal of the type pgjdbc binds it as (setString: varchar, a Long: int8, a BigDecimal:
     * numeric, ...), so that operator resolution and comparisons are the same as with the bound parameter.
     */
    static Optional<String> literal(Object value) {
        if (value instanceof String text) {
            return Optional.of("CAST(" + quote(text) + " AS varchar)");
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            String type = value instanceof Long ? "int8" : value instanceof Integer ? "int4" : "int2";
            return Optional.of("CAST(" + quote(value.toString()) + " AS " + type + ")");
        }
        if (value instanceof BigDecimal decimal) {
            return Optional.of("CAST(" + quote(decimal.toPlainString()) + " AS numeric)");
        }
        if (value instanceof BigInteger integer) {
            return Optional.of("CAST(" + quote(integer.toString()) + " AS numeric)");
        }
        if (value instanceof Double number) {
            return Optional.of("CAST(" + quote(number.toString()) + " AS float8)");
        }
        if (value instanceof Boolean flag) {
            return Optional.of(flag ? "TRUE" : "FALSE");
        }
        if (value instanceof LocalDate date && inPlainYears(date.getYear())) {
            return Optional.of("CAST(" + quote(date.toString()) + " AS date)");
        }
        if (value instanceof LocalDateTime dateTime && inPlainYears(dateTime.getYear()) && dateTime.getNano() % 1000 == 0) {
            return Optional.of("CAST(" + quote(TIMESTAMP.format(dateTime)) + " AS timestamp)");
        }
        if (value instanceof OffsetDateTime dateTime && inPlainYears(dateTime.getYear()) && dateTime.getNano() % 1000 == 0) {
            return Optional.of("CAST(" + quote(TIMESTAMPTZ.format(dateTime)) + " AS timestamptz)");
        }
        return Optional.empty();
    }

    /** Years written the same by java.time and PostgreSQL (no sign, no BC, four digits). */
    private static boolean inPlainYears(int year) {
        return year >= 1 && year <= 9999;
    }

    /** An escape-string literal: right whatever {@code standard_conforming_strings} is. */
    private static String quote(String text) {
        return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static int closingQuote(String sql, int start, char quote) {
        int i = start + 1;
        while (true) {
            int next = sql.indexOf(quote, i);
            if (next < 0) {
                throw new IllegalStateException("unterminated " + quote + " in " + sql);
            }
            if (next + 1 < sql.length() && sql.charAt(next + 1) == quote) {
                i = next + 2;
            } else {
                return next;
            }
        }
    }
}
