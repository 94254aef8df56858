package io.spate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpPartsTest {

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertThat(HttpFetcher.parseRetryAfter("120")).contains(Duration.ofSeconds(120));
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(61));
        assertThat(HttpFetcher.parseRetryAfter(inAMinute).orElseThrow()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
        assertThat(HttpFetcher.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        assertThat(HttpFetcher.parseRetryAfter("soon")).isEmpty();
    }

    @Test
    void aSafeUrlHasNoUserInfoAndNoSensitiveParameters() {
        assertThat(SafeUrl.of("https://bob:pw@api.example.com:8443/v1/orders.csv?api_key=abc&page=2&access_token=t&region=eu"))
                .isEqualTo("https://api.example.com:8443/v1/orders.csv?page=2&region=eu");
        assertThat(SafeUrl.of("https://api.example.com/x?token=1")).isEqualTo("https://api.example.com/x");
        assertThat(SafeUrl.of("https://api.example.com/x?primary_key=id")).isEqualTo("https://api.example.com/x?primary_key=id");
    }

    @Test
    void queryParametersReplaceThoseOfTheSameNameAndAreEncoded() {
        URI base = URI.create("https://api.example.com/export?page=1&format=csv");
        assertThat(QueryString.with(base, Map.of("page", "2")).toString()).isEqualTo("https://api.example.com/export?format=csv&page=2");
        assertThat(QueryString.with(base, Map.of("since", "2024-01-01 10:00+02:00")).toString())
                .isEqualTo("https://api.example.com/export?page=1&format=csv&since=2024-01-01%2010%3A00%2B02%3A00");
        assertThat(QueryString.without(base, Set.of("page")).toString()).isEqualTo("https://api.example.com/export?format=csv");
    }

    @Test
    void theLargestCursorValueComparesNumbersTimestampsAndText() {
        CursorMax numbers = new CursorMax(Optional.empty());
        for (String value : new String[] {"9", "10", "-3", "9.5", "", null}) {
            numbers.offer(value);
        }
        assertThat(numbers.value()).contains("10");
        CursorMax times = new CursorMax(Optional.of("2024-01-01T10:00:00Z"));
        times.offer("2024-01-01T11:30:00+02:00");
        times.offer("2024-01-01T09:59:59Z");
        assertThat(times.value()).contains("2024-01-01T10:00:00Z");
        times.offer("2024-01-01T12:30:00+02:00");
        assertThat(times.value()).contains("2024-01-01T12:30:00+02:00");
        CursorMax text = new CursorMax(Optional.empty());
        text.offer("b-7");
        text.offer("a-9");
        assertThat(text.value()).contains("b-7");
    }

    @Test
    void paginationIsAWordOrAMap() {
        assertThat(Pagination.parse("page")).isEqualTo(new Pagination.PageNumber("page", 1, Optional.empty(), java.util.OptionalLong.empty()));
        assertThat(Pagination.parse("NEXT")).isEqualTo(new Pagination.NextLink());
        assertThat(Pagination.parse(null)).isEqualTo(new Pagination.None());
        assertThat(Pagination.parse("{\"type\":\"cursor\",\"header\":\"X-Cursor\"}"))
                .isEqualTo(new Pagination.Cursor("cursor", Optional.empty(), Optional.of("X-Cursor")));
        assertThatThrownBy(() -> Pagination.parse(Map.of("type", "cursor", "column", "id", "header", "X")))
                .hasMessage("cursor pagination needs exactly one of column or header");
        assertThatThrownBy(() -> Pagination.parse(Map.of("type", "page", "size_param", "n")))
                .hasMessage("size_param needs size");
    }

    @Test
    void theLinkHeaderNamesTheNextPage() {
        java.net.http.HttpHeaders headers = java.net.http.HttpHeaders.of(Map.of("Link", java.util.List.of(
                "<https://api.example.com/o?page=1>; rel=\"prev\", <o?page=3>; rel=\"next last\"")), (a, b) -> true);
        Page page = new Page(URI.create("https://api.example.com/v1/o?page=2"), headers, java.io.InputStream.nullInputStream());
        assertThat(page.nextLink()).contains("https://api.example.com/v1/o?page=3");
    }
}
