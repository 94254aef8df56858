package io.spate.jdbc.destination;

import io.spate.batch.RowBatch;
import java.sql.SQLException;

/**
 * How batches travel to PostgreSQL in {@code COPY ... FROM STDIN}: PostgreSQL's binary tuple format (no
 * text parsing on the server) or CSV (portable, every value as text).
 */
enum CopyFormat {
    BINARY("(FORMAT binary)") {
        @Override
        void write(RowBatch batch, CopyBuffer out) throws SQLException {
            BinaryCopy.write(batch.vectors(), batch.rowCount(), out);
        }
    },
    CSV("(FORMAT csv)") {
        @Override
        void write(RowBatch batch, CopyBuffer out) throws SQLException {
            CsvCopy.write(batch.vectors(), batch.rowCount(), out);
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

    /** Writes every row of the batch's vectors, in order, as this format's COPY data. */
    abstract void write(RowBatch batch, CopyBuffer out) throws SQLException;
}
