package io.spate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.batch.ColumnVector;
import io.spate.sdk.DataType;
import io.spate.types.Coercion;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowIdentityTest {

    static List<ColumnVector> fileLineKeys(Object... fileThenLine) {
        ColumnVector files = new ColumnVector(DataType.STRING, 8);
        ColumnVector lines = new ColumnVector(DataType.LONG, 8);
        for (int i = 0; i < fileThenLine.length; i += 2) {
            Coercion.append(files, fileThenLine[i]);
            Coercion.append(lines, fileThenLine[i + 1]);
        }
        return List.of(files, lines);
    }

    @Test
    void linesIncreasingWithinEachFileAreUniqueWithoutDeduplication() {
        assertThat(RowIdentity.lastRowPerKey(fileLineKeys("a", 1L, "a", 2L, "b", 1L, "b", 5L, "c", 1L), 5)).isNull();
    }

    @Test
    void aFileComingBackOrALineRepeatedKeepsTheLastRowOfEachKey() {
        assertThat(RowIdentity.lastRowPerKey(fileLineKeys("a", 1L, "a", 2L, "b", 1L, "a", 1L), 4)).containsExactly(1, 2, 3);
        assertThat(RowIdentity.lastRowPerKey(fileLineKeys("a", 1L, "a", 1L, "a", 2L), 3)).containsExactly(1, 2);
    }

    @Test
    void aFileComingBackWithNewLinesIsStillUnique() {
        assertThat(RowIdentity.lastRowPerKey(fileLineKeys("a", 1L, "b", 1L, "a", 2L), 3)).isNull();
    }
}
