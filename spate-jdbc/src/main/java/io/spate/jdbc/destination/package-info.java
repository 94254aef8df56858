/**
 * The {@code postgres} destination: loads row batches into PostgreSQL with {@code COPY ... FROM STDIN} into a
 * temporary staging table and one merge statement per batch, in a transaction committed together with the
 * pipeline's state.
 */
package io.spate.jdbc.destination;
