/**
 * Reading files: formats, options, bad records and schema inference, shared by the {@code s3}/{@code files}
 * and {@code http_csv} sources (and reused by the lake destination).
 *
 * <h2>Reading a file</h2>
 * <pre>{@code
 * FormatOptions options = FormatOptions.from(config);                 // once per source
 * try (Decompression.Members files = Decompression.members(rawStream, "s3://b/k.csv.gz", options.compression())) {
 *     while (files.hasNext()) {                                         // one file, or each member of a .zip
 *         ArchiveMember file = files.next();
 *         Format format = Format.resolve(options.format(), file.name());
 *         try (RecordReader reader = FormatReaders.open(format, file, options, errors)) {
 *             RowWriter rows = ops.rowWriter(table, reader.columns());
 *             while (reader.next()) {
 *                 Object[] values = reader.values();                    // reused: do not retain
 *                 ... reader.lineNumber() -> _spate_line, rows.upsert(values) ...
 *             }
 *         }
 *     }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>The caller opens the bytes (S3, local, HTTP) and hands an {@code InputStream}; compression is
 *       detected from magic bytes and the name ({@link io.spate.format.compress.Decompression}), the format
 *       from the {@code format} option or the name ({@link io.spate.format.Format#resolve}).</li>
 *   <li>A {@link io.spate.format.RecordReader} gives the column names once, then one record at a time in a
 *       reused {@code Object[]} aligned with them: the hot loop allocates nothing but the values. Values:
 *       CSV/TSV/TXT give {@code String} (null for {@code null_values}); JSON/JSONL give {@code Long},
 *       {@code BigDecimal}, {@code Double}, {@code Boolean}, {@code String}, nested values as JSON text (or
 *       flattened one level with {@code flatten: true}); Avro gives {@code Long}/{@code Integer},
 *       {@code Double}/{@code Float}, {@code Boolean}, {@code String}, {@code BigDecimal} (decimal),
 *       {@code Instant} (timestamp-millis/micros, UTC), {@code LocalDateTime} (local-timestamp),
 *       {@code LocalDate} (date), {@code byte[]} (bytes, fixed), JSON text (records, arrays, maps).</li>
 *   <li>Every record has a 1-based {@link io.spate.format.RecordReader#recordNumber() record number} and, for
 *       line-based formats, the physical {@link io.spate.format.RecordReader#lineNumber() line} where it
 *       starts: callers fill {@code _spate_line} and place messages ({@code FILE line N column "x"}).</li>
 *   <li>Bad records go to the {@link io.spate.format.ErrorHandling} given at open ({@code on_error: fail |
 *       skip | quarantine}) as a {@link io.spate.format.BadRecord} (file, line, column, reason, raw text);
 *       callers that find a value of the wrong type build a {@code BadRecord} themselves and call
 *       {@link io.spate.format.ErrorHandling#handle}, so every bad record is treated one way.</li>
 *   <li>{@link io.spate.format.SchemaInference} turns a few sampled files into a {@code List<Column>} for a
 *       {@code TableSpec}; {@link io.spate.format.Splitting} cuts large uncompressed CSV/TSV/JSONL/TXT files
 *       into {@link io.spate.format.ByteRange}s read in parallel (its Javadoc says how split points are found,
 *       what is guaranteed, and how records are numbered per range).</li>
 * </ul>
 *
 * <p>Threads: a reader, a {@link io.spate.format.SchemaInference} and a
 * {@link io.spate.format.compress.Decompression.Members} belong to one thread at a time; options, plans and
 * ranges are immutable values shared freely.
 *
 * <p>Parquet is not parsed here: {@link io.spate.format.FormatReaders#openFile} hands a local file to a
 * {@link io.spate.format.FormatReaderProvider} (spate-duckdb's reads it with DuckDB's {@code read_parquet},
 * which projects columns and row groups itself). Its values: {@code Boolean}, {@code Integer} (8/16/32-bit),
 * {@code Long}, {@code BigInteger} (unsigned 64-bit, 128-bit), {@code Float}, {@code Double},
 * {@code BigDecimal} (decimal), {@code String}, {@code byte[]} (binary), {@code LocalDate} (date),
 * {@code LocalDateTime} (timestamp), {@code Instant} (timestamp with time zone), time, interval and UUID as
 * text, nested values (struct, list, map) as JSON text.
 */
package io.spate.format;
