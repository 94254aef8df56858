/**
 * The {@code postgres} and {@code redshift} source connectors: one implementation over JDBC, written on the
 * public SDK only. Tables are discovered from {@code information_schema}, read with binary
 * {@code COPY ... TO STDOUT} (PostgreSQL) or server-side cursors (Redshift), snapshotted in primary-key order
 * (optionally in parallel chunks) and then followed incrementally by {@code (replication key, primary key)}
 * bookmarks that survive interruptions without skipping or duplicating rows.
 */
package io.spate.jdbc;
