package io.spate.cli.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.SpateException;
import io.spate.storage.Glob;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class KeySelectionTest {
    private static CreatedObject created(String bucket, String key) {
        return new CreatedObject(bucket, key, "ObjectCreated:Put", OptionalLong.empty(), Optional.empty(), Optional.empty());
    }

    private static final S3EventNotification EVENT = new S3EventNotification(List.of(
            created("landing", "in/a.csv"),
            created("landing", "in/2026 11/b,{weird}*[1].csv"),
            created("landing", "in/c.json"),
            created("landing", "out/d.csv"),
            created("other", "in/e.csv")), List.of());

    @Test
    void selectsTheObjectsUnderThePrefixAndNarrowsTheUriToThem() {
        KeySelection selection = KeySelection.of("s3://landing/in", EVENT);

        assertThat(selection.selected()).extracting(CreatedObject::key)
                .containsExactly("in/a.csv", "in/2026 11/b,{weird}*[1].csv", "in/c.json");
        assertThat(selection.outside()).extracting(CreatedObject::uri).containsExactly("s3://landing/out/d.csv", "s3://other/in/e.csv");
        assertThat(selection.narrowedUri()).contains("s3://landing/in/{a.csv,2026 11/b\\,\\{weird\\}\\*\\[1\\].csv,c.json}");
    }

    @Test
    void theNarrowedGlobMatchesExactlyTheSelectedKeys() {
        String narrowed = KeySelection.of("s3://landing/in/", EVENT).narrowedUri().orElseThrow();
        Glob glob = Glob.compile(narrowed.substring("s3://landing/in/".length()));

        assertThat(glob.matches("2026 11/b,{weird}*[1].csv")).isTrue();
        assertThat(glob.matches("a.csv")).isTrue();
        assertThat(glob.matches("2026 11/b,{weird}x[1].csv")).isFalse();
        assertThat(glob.matches("weird}*[1].csv")).isFalse();
        assertThat(glob.literalPrefix()).isEmpty();
    }

    @Test
    void aGlobInTheSourceUriStillFilters() {
        KeySelection selection = KeySelection.of("s3://landing/in/**/*.csv", EVENT);

        assertThat(selection.selected()).extracting(CreatedObject::key).containsExactly("in/a.csv", "in/2026 11/b,{weird}*[1].csv");
        assertThat(selection.narrowedUri()).contains("s3://landing/in/{a.csv,2026 11/b\\,\\{weird\\}\\*\\[1\\].csv}");
    }

    @Test
    void nothingUnderTheSourceSelectsNothing() {
        assertThat(KeySelection.of("s3://landing/archive/", EVENT).narrowedUri()).isEmpty();
    }

    @Test
    void aLocalSourceCannotTakeAnS3Event() {
        assertThatThrownBy(() -> KeySelection.of("/data/in", EVENT)).isInstanceOf(SpateException.class)
                .hasMessageStartingWith("the objects of an S3 event are converted from an s3:// source; got \"/data/in\"");
    }
}
