/**
 * The embedded DuckDB warehouse: the {@code duckdb} destination ({@link io.spate.duckdb.DuckDbDestinationProvider})
 * and {@link io.spate.duckdb.WarehouseQuery} to read it. The only package of spate that imports DuckDB.
 */
package io.spate.duckdb;
