package io.spate.destination.sql;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.DataType;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * How one SQL warehouse spells what {@link SqlDestination} writes. Each part is the destination module's own
 * one place for it (its identifier quoting class, its type mapping), handed over as a function.
 *
 * @param quote an identifier, always quoted
 * @param qualified {@code "schema"."table"} of a schema and a table name
 * @param sqlType the SQL type spate creates for a type
 * @param fromSql the spate type of a stored SQL type as the catalog spells it; empty for one spate does not write
 * @param timestampTz a timestamp-with-time-zone literal of an instant, exact to the microsecond
 * @param errorMessage the warehouse's own message of a failure
 * @param identifiersKeepCase true where quoted identifiers keep their case (PostgreSQL), false where names
 *     differing only in case are the same (DuckDB)
 */
public record SqlDialect(UnaryOperator<String> quote, BinaryOperator<String> qualified, Function<DataType, String> sqlType,
        Function<String, Optional<DataType>> fromSql, Function<Instant, String> timestampTz,
        Function<SQLException, String> errorMessage, boolean identifiersKeepCase) {
    public SqlDialect {
        requireNonNull(quote, "quote is null");
        requireNonNull(qualified, "qualified is null");
        requireNonNull(sqlType, "sqlType is null");
        requireNonNull(fromSql, "fromSql is null");
        requireNonNull(timestampTz, "timestampTz is null");
        requireNonNull(errorMessage, "errorMessage is null");
    }
}
