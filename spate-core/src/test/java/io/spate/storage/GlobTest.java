package io.spate.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.SpateException;
import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void doubleStarMatchesAnyDepthIncludingNone() {
        Glob glob = Glob.compile("data/**/*.csv");
        assertThat(glob.matches("data/a.csv")).isTrue();
        assertThat(glob.matches("data/x/y/a.csv")).isTrue();
        assertThat(glob.matches("data/x/a.json")).isFalse();
        assertThat(glob.matches("other/a.csv")).isFalse();
    }

    @Test
    void singleStarStaysWithinOneSegment() {
        Glob glob = Glob.compile("logs/*.jsonl");
        assertThat(glob.matches("logs/a.jsonl")).isTrue();
        assertThat(glob.matches("logs/2024/a.jsonl")).isFalse();
    }

    @Test
    void bareDoubleStarMatchesEverything() {
        Glob glob = Glob.compile("**");
        assertThat(glob.matches("a")).isTrue();
        assertThat(glob.matches("a/b/c.csv.gz")).isTrue();
        assertThat(glob.literalPrefix()).isEmpty();
    }

    @Test
    void alternativesClassesAndQuestionMark() {
        Glob glob = Glob.compile("y=202[34]/part-?.{csv,tsv,json*}");
        assertThat(glob.matches("y=2023/part-1.csv")).isTrue();
        assertThat(glob.matches("y=2024/part-2.jsonl")).isTrue();
        assertThat(glob.matches("y=2025/part-1.csv")).isFalse();
        assertThat(glob.matches("y=2024/part-10.csv")).isFalse();
        assertThat(Glob.compile("[!a]*").matches("b.csv")).isTrue();
        assertThat(Glob.compile("[!a]*").matches("a.csv")).isFalse();
    }

    @Test
    void literalPrefixStopsAtTheFirstWildcard() {
        assertThat(Glob.compile("events/2024-*/x.csv").literalPrefix()).isEqualTo("events/2024-");
        assertThat(Glob.compile("events/**").literalPrefix()).isEqualTo("events/");
        assertThat(Glob.compile("a/b.csv").literalPrefix()).isEqualTo("a/b.csv");
        assertThat(Glob.compile("a\\*b/*").literalPrefix()).isEqualTo("a*b/");
    }

    @Test
    void regexCharactersInKeysAreLiteral() {
        assertThat(Glob.compile("a+b (1).csv").matches("a+b (1).csv")).isTrue();
        assertThat(Glob.compile("a.csv").matches("abcsv")).isFalse();
    }

    @Test
    void unclosedBraceIsAConfigError() {
        assertThatThrownBy(() -> Glob.compile("{a,b"))
                .isInstanceOf(SpateException.class)
                .hasMessage("glob \"{a,b\" is malformed: a { is not closed");
    }

    @Test
    void anEscapedKeyMatchesItselfAlone() {
        String key = "in/a*b[1]{x,y}?\\c.csv";
        Glob glob = Glob.compile(Glob.escape(key));
        assertThat(Glob.escape(key)).isEqualTo("in/a\\*b\\[1\\]\\{x\\,y\\}\\?\\\\c.csv");
        assertThat(glob.matches(key)).isTrue();
        assertThat(glob.matches("in/axb1x.csv")).isFalse();
        assertThat(glob.literalPrefix()).isEqualTo(key);
    }
}
