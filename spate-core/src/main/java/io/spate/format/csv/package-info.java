/**
 * CSV and TSV through FastCSV: {@link io.spate.format.csv.CsvRecordReader} (records),
 * {@link io.spate.format.csv.CsvSplitter} (byte ranges for parallel reads).
 */
package io.spate.format.csv;
