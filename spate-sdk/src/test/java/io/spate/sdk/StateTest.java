package io.spate.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateTest {

    @Test
    void aStateRoundTripsThroughJson() {
        State state = State.empty().with("bookmark", Map.of("value", "2024-01-01T00:00:00", "key", List.of(1, "a\"b")))
                .with("rows", 12_345_678_901L).with("ratio", new BigDecimal("0.125")).with("done", true).with("none", null);

        State back = State.parse(state.toJson());

        assertThat(back).isEqualTo(state);
        assertThat(back.getLong("rows")).contains(12_345_678_901L);
        assertThat(back.getState("bookmark").getString("value")).contains("2024-01-01T00:00:00");
        assertThat(back.get("ratio")).contains(new BigDecimal("0.125"));
        assertThat(back.getState("missing").isEmpty()).isTrue();
    }

    @Test
    void withLeavesTheOriginalUnchanged() {
        State first = State.empty().with("a", 1);
        State second = first.with("a", 2).without("b");

        assertThat(first.getLong("a")).contains(1L);
        assertThat(second.getLong("a")).contains(2L);
    }

    @Test
    void unicodeAndControlCharactersSurvive() {
        State state = State.empty().with("text", "zürich\n\t\u0001 ✓");

        assertThat(State.parse(state.toJson()).getString("text")).contains("zürich\n\t\u0001 ✓");
    }

    @Test
    void invalidJsonNamesThePosition() {
        assertThatThrownBy(() -> State.parse("{\"a\": tru}"))
                .isInstanceOf(SpateException.class).hasMessage("invalid JSON at character 7: invalid literal");
        assertThatThrownBy(() -> State.parse("[1]")).hasMessage("a state must be a JSON object, got: [1]");
    }
}
