package io.spate.destination.sql;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.DataType;
import java.util.Optional;

/**
 * A column as the warehouse stores it.
 *
 * @param sqlType the type as the warehouse's catalog spells it
 * @param type the spate type, empty for a type spate does not create (then written through a cast)
 */
public record StoredColumn(String name, String sqlType, Optional<DataType> type) {
    public StoredColumn {
        requireNonNull(name, "name is null");
        requireNonNull(sqlType, "sqlType is null");
        requireNonNull(type, "type is null");
    }
}
