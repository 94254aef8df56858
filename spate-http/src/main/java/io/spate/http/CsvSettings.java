package io.spate.http;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Set;

/**
 * How the body is parsed as CSV.
 *
 * @param delimiter field separator
 * @param quote quote character
 * @param header whether the first record (after {@code skipRows}) names the columns
 * @param columnNames the names to use when there is no header; {@code column_1...} when empty
 * @param skipRows records skipped before the header
 * @param nullValues field values read as NULL besides the empty field
 * @param charset the body's character set
 */
record CsvSettings(char delimiter, char quote, boolean header, List<String> columnNames, int skipRows,
        Set<String> nullValues, Charset charset) {
    CsvSettings {
        columnNames = List.copyOf(columnNames);
        nullValues = Set.copyOf(nullValues);
    }
}
