/**
 * Compression and archives: detection by magic bytes and extension, decompressing streams, zip members as
 * files, and telling a damaged file ({@link io.spate.format.compress.CorruptInputException}, DATA) from a
 * failing connection ({@link java.io.UncheckedIOException}, for the caller to retry or resume).
 */
package io.spate.format.compress;
