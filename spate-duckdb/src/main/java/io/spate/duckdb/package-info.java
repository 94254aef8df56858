/**
 * The embedded DuckDB warehouse: the {@code duckdb} destination ({@link io.spate.duckdb.DuckDbDestinationProvider})
 * and {@link io.spate.duckdb.WarehouseQuery} to read it. The only package of spate that imports DuckDB.
 *
 * <p>What a sync leaves in the warehouse: one table per source table, {@code "schema"."table"} (the source's
 * schema, else the {@code schema} option), with the data columns in the order they appeared, then
 * {@code _spate_synced} (TIMESTAMPTZ of the write), {@code _spate_deleted} (soft deletes and truncates) and, for
 * tables without a primary key, {@code _spate_id}; columns added later follow. {@code main._spate_state} holds
 * one row per pipeline: its last committed checkpoint and state, written in the same transaction as the data.
 *
 * <p>One process at a time may have the file open for writing; read-only opens ({@link io.spate.duckdb.WarehouseQuery})
 * fail while a writer holds it, also within the same JVM.
 */
package io.spate.duckdb;
