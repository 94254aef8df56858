package io.spate.testing;

import static io.spate.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.spate.batch.RowBatch;
import io.spate.destination.CommittedState;
import io.spate.destination.Destination;
import io.spate.destination.TableSchema;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.sdk.State;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every SQL warehouse destination (DuckDB, PostgreSQL) does alike, tested on a real warehouse: upserts,
 * updates, deletes and truncates by key, system columns, new columns, and data and state committed together
 * or not at all. A destination's test extends this, opens the destination and queries its warehouse; its own
 * tests cover what its dialect does differently.
 *
 * <p>Queries here are written in the SQL both warehouses understand; booleans are read as text
 * ({@code CAST(... AS TEXT)}) so that both print {@code true}/{@code false}.
 */
public abstract class SqlDestinationContract<D extends Destination> {
    protected static final TableSchema USERS = Batches.table("users", List.of("id"),
            Column.of("id", DataType.LONG), Column.of("name", DataType.STRING), Column.of("score", DataType.INT));
    /** {@link Batches#SYNCED} as both warehouses print a timestamp with time zone in UTC. */
    protected static final String SYNCED = "2026-01-02 03:04:05.123456+00";

    /** Opens the destination on the test's warehouse, tables going to its default schema. */
    protected abstract D open();

    /** The rows of a query on the test's warehouse, every value as text (null for NULL). */
    protected abstract List<List<String>> query(String sql);

    protected static List<String> values(String... values) {
        return Arrays.asList(values);
    }

    protected static CommittedState state(long sequence, String key, Object value) {
        return new CommittedState(sequence, State.of(Map.of(key, value)));
    }

    /** In a session of its own: ensures each batch's table, writes the batches and commits pipeline "p" at {@code sequence}. */
    protected final void writeAndCommit(long sequence, RowBatch... batches) {
        try (D destination = open()) {
            for (RowBatch batch : batches) {
                destination.ensureTable(batch.table());
                destination.write(batch);
            }
            destination.commit("p", state(sequence, "k", sequence));
        }
    }

    @Test
    void upsertInsertsNewRowsAndReplacesRowsWithTheSameKey() {
        try (D destination = open()) {
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10), row(2L, "bob", 20), row(3L, "cy", 30)));
            destination.write(Batches.upsert(USERS, row(2L, "bob2", 21), row(4L, "dee", 40)));
            destination.commit("p", state(1, "k", 1));
            destination.write(Batches.upsert(USERS, row(1L, "ann3", null)));
            destination.commit("p", state(2, "k", 2));
        }
        assertThat(query("SELECT id, name, score, CAST(_spate_deleted AS TEXT), _spate_synced FROM users ORDER BY id"))
                .containsExactly(
                        values("1", "ann3", null, "false", SYNCED),
                        values("2", "bob2", "21", "false", SYNCED),
                        values("3", "cy", "30", "false", SYNCED),
                        values("4", "dee", "40", "false", SYNCED));
    }

    @Test
    void upsertReplacesRowsCommittedByAnEarlierRun() {
        writeAndCommit(1, Batches.upsert(USERS, row(5L, "e", 1), row(9L, "i", 1)));
        writeAndCommit(2, Batches.upsert(USERS, row(9L, "i2", 2), row(7L, "g", 2)), Batches.upsert(USERS, row(10L, "j", 3)));
        assertThat(query("SELECT id, name, score FROM users ORDER BY id")).containsExactly(
                values("5", "e", "1"), values("7", "g", "2"), values("9", "i2", "2"), values("10", "j", "3"));
    }

    @Test
    void upsertByCompositeAndTextKeys() {
        TableSchema lines = Batches.table("lines", List.of("order_no", "line"),
                Column.of("order_no", DataType.STRING), Column.of("line", DataType.INT), Column.of("qty", DataType.INT));
        writeAndCommit(1, Batches.upsert(lines, row("a", 1, 1), row("a", 2, 1), row("b", 1, 1)),
                Batches.upsert(lines, row("a", 2, 5), row("b", 2, 5)));
        assertThat(query("SELECT order_no, line, qty FROM lines ORDER BY order_no, line")).containsExactly(
                values("a", "1", "1"), values("a", "2", "5"), values("b", "1", "1"), values("b", "2", "5"));
    }

    @Test
    void fileRowsKeyedByFileAndLineAreAppendedWhileNewAndMergedWhenReplayed() {
        TableSchema files = Batches.table("events", List.of("_spate_file", "_spate_line"),
                Column.of("_spate_file", DataType.STRING), Column.of("_spate_line", DataType.LONG), Column.of("v", DataType.INT));
        writeAndCommit(1,
                Batches.upsert(files, row("s3://b/a.csv", 1L, 1), row("s3://b/a.csv", 2L, 1), row("s3://b/b.csv", 1L, 1)),
                Batches.upsert(files, row("s3://b/a.csv", 3L, 1), row("s3://b/b.csv", 2L, 1)),
                // a.csv read again in the same run (a retried file): its lines must replace, not duplicate
                Batches.upsert(files, row("s3://b/a.csv", 1L, 7), row("s3://b/a.csv", 2L, 7)));
        // a later run: b.csv existed before it, c.csv is new
        writeAndCommit(2, Batches.upsert(files, row("s3://b/b.csv", 2L, 9), row("s3://b/c.csv", 1L, 9)));
        assertThat(query("SELECT _spate_file, _spate_line, v FROM events ORDER BY _spate_file, _spate_line")).containsExactly(
                values("s3://b/a.csv", "1", "7"), values("s3://b/a.csv", "2", "7"), values("s3://b/a.csv", "3", "1"),
                values("s3://b/b.csv", "1", "1"), values("s3://b/b.csv", "2", "9"), values("s3://b/c.csv", "1", "9"));
    }

    @Test
    void updateChangesOnlyTheNamedColumns() {
        writeAndCommit(1, Batches.upsert(USERS, row(1L, "ann", 10), row(2L, "bob", 20)),
                Batches.update(USERS, List.of("score"), row(2L, 99), row(7L, 70)),
                Batches.update(USERS, List.of("name"), row(1L, null)));
        assertThat(query("SELECT id, name, score, CAST(_spate_deleted AS TEXT) FROM users ORDER BY id")).containsExactly(
                values("1", null, "10", "false"), values("2", "bob", "99", "false"));
    }

    @Test
    void deleteMarksTheKeysDeletedAndAnUpsertRevivesThem() {
        try (D destination = open()) {
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10), row(2L, "bob", 20), row(3L, "cy", 30)));
            destination.commit("p", state(1, "k", 1));
            destination.write(Batches.delete(USERS, row(1L), row(3L), row(8L)));
            destination.write(Batches.upsert(USERS, row(3L, "cy2", 31)));
            destination.commit("p", state(2, "k", 2));
        }
        assertThat(query("SELECT id, name, score, CAST(_spate_deleted AS TEXT) FROM users ORDER BY id")).containsExactly(
                values("1", "ann", "10", "true"), values("2", "bob", "20", "false"), values("3", "cy2", "31", "false"));
    }

    @Test
    void truncateMarksEveryRowSoFarDeletedAndLaterUpsertsRevive() {
        try (D destination = open()) {
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10), row(2L, "bob", 20)));
            destination.commit("p", state(1, "k", 1));
            destination.write(Batches.upsert(USERS, row(3L, "cy", 30)));
            destination.write(Batches.truncate(USERS));
            destination.write(Batches.upsert(USERS, row(2L, "bob2", 22), row(4L, "dee", 40)));
            destination.commit("p", state(2, "k", 2));
        }
        assertThat(query("SELECT id, name, CAST(_spate_deleted AS TEXT) FROM users ORDER BY id")).containsExactly(
                values("1", "ann", "true"), values("2", "bob2", "false"), values("3", "cy", "true"),
                values("4", "dee", "false"));
    }

    @Test
    void keylessTablesAreKeyedBySpateId() {
        TableSchema events = Batches.table("events", List.of(), Column.of("what", DataType.STRING));
        writeAndCommit(1, Batches.upsert(events, row("a", "h1"), row("a", "h2"), row("b", "h3")),
                Batches.upsert(events, row("b", "h3"), row("c", "h4")),
                Batches.delete(events, row("h1")));
        assertThat(query("SELECT what, _spate_id, CAST(_spate_deleted AS TEXT) FROM events ORDER BY _spate_id")).containsExactly(
                values("a", "h1", "true"), values("a", "h2", "false"), values("b", "h3", "false"), values("c", "h4", "false"));
    }

    @Test
    void newColumnsAreAddedMidRunAndOldBatchesStillLoad() {
        TableSchema wider = Batches.table("users", List.of("id"), Column.of("id", DataType.LONG),
                Column.of("name", DataType.STRING), Column.of("score", DataType.INT), Column.of("city", DataType.STRING));
        writeAndCommit(1, Batches.upsert(USERS, row(1L, "ann", 10)), Batches.upsert(wider, row(2L, "bob", 20, "Oslo")),
                Batches.upsert(USERS, row(3L, "cy", 30)), Batches.upsert(wider, row(1L, "ann", 11, "Rome")));
        assertThat(query("SELECT id, name, score, city FROM users ORDER BY id")).containsExactly(
                values("1", "ann", "11", "Rome"), values("2", "bob", "20", "Oslo"), values("3", "cy", "30", null));
    }

    @Test
    void aNarrowerTypeNeverNarrowsAStoredColumn() {
        writeAndCommit(1, Batches.upsert(measures(DataType.STRING), row(1L, "x")));
        writeAndCommit(2, Batches.upsert(measures(DataType.INT), row(2L, 3)));
        assertThat(query("SELECT id, v FROM measures ORDER BY id")).containsExactly(values("1", "x"), values("2", "3"));
    }

    /** A table {@code measures} keyed by a LONG {@code id}, with a column {@code v} of the type. */
    protected static TableSchema measures(DataType type) {
        return Batches.table("measures", List.of("id"), Column.of("id", DataType.LONG), Column.of("v", type));
    }

    @Test
    void writesWithoutCommitAreDiscardedOnClose() {
        try (D destination = open()) {
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10)));
        }
        assertThat(query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'users'")).containsExactly(values("0"));
        try (D destination = open()) {
            assertThat(destination.loadState("p")).isEmpty();
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10)));
            destination.commit("p", state(1, "k", 1));
            destination.ensureTable(Batches.table("later", List.of("id"), Column.of("id", DataType.LONG)));
            destination.write(Batches.upsert(USERS, row(2L, "bob", 20)));
            destination.write(Batches.upsert(USERS, row(1L, "ann2", 11)));
            destination.write(Batches.delete(USERS, row(1L)));
        }
        assertThat(query("SELECT id, name, CAST(_spate_deleted AS TEXT) FROM users")).containsExactly(values("1", "ann", "false"));
        assertThat(query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'later'")).containsExactly(values("0"));
        try (D destination = open()) {
            assertThat(destination.loadState("p")).contains(state(1, "k", 1));
        }
    }

    @Test
    void rowsLoadedBeforeAnyStatementAreInsideTheTransaction() {
        try (D destination = open()) {
            destination.ensureTable(USERS);
            destination.commit("p", state(1, "k", 1));
            // after a commit the very next operation is an append straight into the table
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10)));
            destination.rollback();
            destination.write(Batches.upsert(USERS, row(2L, "bob", 20)));
        }
        assertThat(query("SELECT count(*) FROM users")).containsExactly(values("0"));
    }

    @Test
    void rollbackDiscardsDataAndTablesOfTheRound() {
        TableSchema fresh = Batches.table("fresh", List.of("id"), Column.of("id", DataType.LONG));
        try (D destination = open()) {
            destination.write(Batches.upsert(fresh, row(1L)));
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10)));
            destination.rollback();
            destination.write(Batches.upsert(USERS, row(2L, "bob", 20)));
            destination.commit("p", state(1, "k", 1));
        }
        assertThat(query("SELECT id FROM users")).containsExactly(values("2"));
        assertThat(query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'fresh'")).containsExactly(values("0"));
    }

    @Test
    void stateIsCommittedWithTheDataAndReadBack() {
        try (D destination = open()) {
            assertThat(destination.loadState("p")).isEmpty();
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10)));
            destination.commit("p", state(1, "cursor", "a"));
            destination.commit("other", state(7, "cursor", "z"));
            destination.write(Batches.upsert(USERS, row(2L, "bob", 20)));
            destination.commit("p", state(2, "cursor", "b"));
        }
        try (D destination = open()) {
            assertThat(destination.loadState("p")).contains(state(2, "cursor", "b"));
            assertThat(destination.loadState("other")).contains(state(7, "cursor", "z"));
        }
        assertThat(query("SELECT pipeline_id, sequence FROM _spate_state ORDER BY pipeline_id")).containsExactly(
                values("other", "7"), values("p", "2"));
        assertThat(query("SELECT count(*) FROM users")).containsExactly(values("2"));
    }

    @Test
    void resetStateForgetsOnlyThatPipeline() {
        try (D destination = open()) {
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10)));
            destination.commit("p", state(1, "k", 1));
            destination.commit("q", state(1, "k", 1));
        }
        try (D destination = open()) {
            destination.resetState("p");
        }
        try (D destination = open()) {
            assertThat(destination.loadState("p")).isEmpty();
            assertThat(destination.loadState("q")).contains(state(1, "k", 1));
        }
        assertThat(query("SELECT count(*) FROM users")).containsExactly(values("1"));
    }
}
