package io.spate.jdbc.destination;

import io.spate.batch.ColumnVector;
import java.sql.SQLException;
import java.util.List;

/**
 * How batches travel to PostgreSQL in {@code COPY ... FROM STDIN}: PostgreSQL's binary tuple format (no
 * text parsing on the server) or CSV (portable, every value as text).
 */
enum CopyFormat {
    BINARY("(FORMAT binary)") {
        @Override
        void write(List<ColumnVector> vectors, int rows, CopyBuffer out) throws SQLException {
            BinaryCopy.write(vectors, rows, out);
        }
    },
    CSV("(FORMAT csv)") {
        @Override
        void write(List<ColumnVector> vectors, int rows, CopyBuffer out) throws SQLException {
            CsvCopy.write(vectors, rows, out);
        }
    };

    private final String options;

    CopyFormat(String options) {
        this.options = options;
    }

    /** The option list of the COPY statement. */
    String options() {
        return options;
    }

    /** Writes the first {@code rows} rows of the vectors, in order, as this format's COPY data. */
    abstract void write(List<ColumnVector> vectors, int rows, CopyBuffer out) throws SQLException;
}
