/**
 * CSV and TSV through FastCSV: {@link io.spate.format.csv.CsvRecordReader} (records; FastCSV's fields go
 * straight into the reused value array through {@code FieldCollector}),
 * {@link io.spate.format.csv.CsvBoundaryFinder} (record boundaries at arbitrary offsets, for byte ranges).
 */
package io.spate.format.csv;
