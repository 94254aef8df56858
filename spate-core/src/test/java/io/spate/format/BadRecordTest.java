package io.spate.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BadRecordTest {

    @Test
    void typeMismatchesAreWordedOneWay() {
        assertThat(BadRecord.typeMismatch("s3://b/k.csv.gz", 1043, 1042, "amount", "12,x", DataType.decimal(10, 2),
                "is not a number", "7,12,x").message())
                .isEqualTo("s3://b/k.csv.gz line 1043 column \"amount\": \"12,x\" is not a DECIMAL(10,2)");
        assertThat(BadRecord.typeMismatch("k.csv", 5, 4, "n", "x", DataType.INT, "", "x").message())
                .isEqualTo("k.csv line 5 column \"n\": \"x\" is not an INT");
        assertThat(BadRecord.typeMismatch("k.csv", 5, 4, "amount", "1.234", DataType.decimal(10, 2),
                "has more than 2 digits after the point", "1.234").message())
                .isEqualTo("k.csv line 5 column \"amount\": \"1.234\" has more than 2 digits after the point (DECIMAL(10,2))");
    }

    @Test
    void recordsWithoutLinesAreNamedByNumber() {
        assertThat(new BadRecord("k.avro", 0, 12, Optional.of("day"), "cannot be converted", "{}").message())
                .isEqualTo("k.avro record 12 column \"day\": cannot be converted");
    }

    @Test
    void errorHandlingFailsOrHandsOver() {
        BadRecord bad = new BadRecord("k.csv", 3, 2, Optional.empty(), "has 3 fields, expected 2", "1,2,3");
        assertThatThrownBy(() -> ErrorHandling.failFast().handle(bad))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("k.csv line 3: has 3 fields, expected 2")
                .satisfies(e -> assertThat(((BadRecordException) e).badRecord()).isEqualTo(bad));
        List<BadRecord> sink = new ArrayList<>();
        ErrorHandling.of(OnError.QUARANTINE, sink::add).handle(bad);
        assertThat(sink).containsExactly(bad);
    }
}
