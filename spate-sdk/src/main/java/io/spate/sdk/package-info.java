/**
 * The spate connector SDK: the only package a connector author needs.
 *
 * <p>A connector implements {@link io.spate.sdk.Connector}: {@code schema(config)} declares the tables it
 * knows up front, {@code update(config, state, ops)} reads the source from the position in {@code state}
 * and calls {@link io.spate.sdk.Operations} to upsert, update, delete and checkpoint. The runtime does
 * the rest: typing, batching, parallel writes, atomic checkpoints, metrics.
 */
package io.spate.sdk;
