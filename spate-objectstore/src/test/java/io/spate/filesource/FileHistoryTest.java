package io.spate.filesource;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.sdk.State;
import io.spate.storage.ObjectInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileHistoryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static ObjectInfo object(String key, int minutes, String etag) {
        return new ObjectInfo(key, 10, etag, T0.plus(Duration.ofMinutes(minutes)));
    }

    @Test
    void newChangedAndUnchangedObjectsAreToldApartByEtag() {
        FileHistory history = new FileHistory();
        assertThat(history.decide(object("a.csv", 0, "e1"))).isInstanceOf(FileHistory.Decision.New.class);
        history.completed(object("a.csv", 0, "e1"), 42);
        assertThat(history.decide(object("a.csv", 5, "e1"))).isInstanceOf(FileHistory.Decision.Unchanged.class);
        assertThat(history.decide(object("a.csv", 5, "e2"))).isEqualTo(new FileHistory.Decision.Changed(42));
    }

    @Test
    void boundDropsTheOldestAndTheCursorRemembersThem() {
        FileHistory history = new FileHistory();
        for (int i = 0; i < 10; i++) {
            history.completed(object("k" + i, i * 60, "e" + i), 1);
        }
        history.bound(4, Duration.ofHours(1));
        assertThat(history.size()).isEqualTo(4);
        assertThat(history.cursor()).contains(new FileHistory.Cursor(T0.plus(Duration.ofHours(5)).toEpochMilli(), "k5"));
        assertThat(history.takeEvictedInsideLookback()).isZero();
        assertThat(history.decide(object("k2", 120, "e2"))).isInstanceOf(FileHistory.Decision.Unchanged.class);
        assertThat(history.decide(object("late", 120, "x"))).isInstanceOf(FileHistory.Decision.Unchanged.class);
        assertThat(history.decide(object("late", 330, "x"))).isInstanceOf(FileHistory.Decision.New.class);
        assertThat(history.decide(object("k50", 300, "x"))).isInstanceOf(FileHistory.Decision.New.class);
        assertThat(history.decide(object("k4", 300, "x"))).isInstanceOf(FileHistory.Decision.Unchanged.class);
    }

    @Test
    void droppingEntriesInsideTheLookbackWindowIsCounted() {
        FileHistory history = new FileHistory();
        for (int i = 0; i < 10; i++) {
            history.completed(object("k" + i, i, "e"), 1);
        }
        history.bound(4, Duration.ofMinutes(30));
        assertThat(history.takeEvictedInsideLookback()).isEqualTo(6);
        assertThat(history.takeEvictedInsideLookback()).isZero();
    }

    @Test
    void ledgerRoundTripsThroughTheState() {
        SyncLedger ledger = SyncLedger.from(State.empty(), 2, Duration.ZERO);
        ledger.completed("orders", object("a.csv", 1, "e1"), 3);
        ledger.completed("orders", object("b.csv", 2, "e2"), 4);
        ledger.completed("orders", object("c.csv", 3, "e3"), 5);
        ledger.bound();
        State state = State.parse(ledger.snapshot().toJson());
        assertThat(state.asMap()).containsEntry("version", 1L);
        SyncLedger back = SyncLedger.from(state, 2, Duration.ZERO);
        assertThat(back.decide("orders", object("a.csv", 1, "e1"))).isInstanceOf(FileHistory.Decision.Unchanged.class);
        assertThat(back.decide("orders", object("c.csv", 3, "e9"))).isEqualTo(new FileHistory.Decision.Changed(5));
        assertThat(back.decide("other", object("c.csv", 3, "e3"))).isInstanceOf(FileHistory.Decision.New.class);
        Map<?, ?> orders = (Map<?, ?>) ((Map<?, ?>) state.asMap().get("tables")).get("orders");
        assertThat(orders.keySet().stream().map(String::valueOf)).containsExactly("cursor", "files");
    }

    @Test
    void progressResumesTheSameContentOnlyAndIsForgottenWhenTheObjectCompletes() {
        FileHistory history = new FileHistory();
        for (int range = 1; range <= 50; range++) {
            history.progressed(object("big.csv", 0, "e1"), range * 1000L, range * 10L);
        }
        assertThat(history.decide(object("big.csv", 0, "e1")))
                .isEqualTo(new FileHistory.Decision.Resume(50_000, 500, java.util.OptionalLong.empty()));
        // other content: read again from the start, replacing the lines the partial read committed
        assertThat(history.decide(object("big.csv", 3, "e2"))).isEqualTo(new FileHistory.Decision.Changed(500));
        assertThat(history.toJson().get("partial")).isEqualTo(Map.of("big.csv", java.util.List.of(T0.toEpochMilli(), "e1", 10L,
                50_000L, 500L)));

        history.completed(object("big.csv", 0, "e1"), 600);
        assertThat(history.decide(object("big.csv", 0, "e1"))).isInstanceOf(FileHistory.Decision.Unchanged.class);
        assertThat(history.toJson()).doesNotContainKey("partial");
    }

    @Test
    void aChangedObjectReadPartlyResumesAndStillDropsTheLinesItsOlderVersionHadBeyondItsEnd() {
        SyncLedger ledger = SyncLedger.from(State.empty(), 10, Duration.ZERO);
        ledger.completed("orders", object("big.csv", 0, "old"), 900);
        ledger.progressed("orders", object("big.csv", 5, "new"), 4096, 40);
        SyncLedger back = SyncLedger.from(State.parse(ledger.snapshot().toJson()), 10, Duration.ZERO);
        assertThat(back.decide("orders", object("big.csv", 5, "new")))
                .isEqualTo(new FileHistory.Decision.Resume(4096, 40, java.util.OptionalLong.of(900)));
        back.abandoned("orders", object("big.csv", 5, "new"));
        assertThat(back.decide("orders", object("big.csv", 5, "new"))).isEqualTo(new FileHistory.Decision.Changed(900));
    }
}
