package io.spate.cli.event;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.SpateException;
import io.spate.storage.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The objects of an event notification that lie under a source URI ({@code s3://bucket/prefix/}, with an
 * optional glob: {@code s3://bucket/in/**}{@code /*.csv}), and the same URI narrowed to just them: the
 * prefix followed by a glob of their escaped relative keys, {@code s3://bucket/in/{a.csv,b\,c.csv}}, so
 * that a conversion lists that prefix, converts those objects alone, and mirrors their relative paths as
 * a full conversion would.
 *
 * @param narrowedUri the source URI narrowed to the selected objects; empty when none is selected
 * @param selected the created objects under the source URI
 * @param outside the created objects elsewhere (another bucket, prefix, or not matching the glob)
 */
public record KeySelection(Optional<String> narrowedUri, List<CreatedObject> selected, List<CreatedObject> outside) {

    public KeySelection {
        requireNonNull(narrowedUri, "narrowedUri is null");
        selected = List.copyOf(selected);
        outside = List.copyOf(outside);
    }

    /** Selects the event's objects under {@code sourceUri}, which must be an {@code s3://} URI. */
    public static KeySelection of(String sourceUri, S3EventNotification event) {
        String text = sourceUri.trim();
        String scheme = text.startsWith("s3://") ? "s3://" : text.startsWith("s3a://") ? "s3a://" : "";
        if (scheme.isEmpty()) {
            throw SpateException.config("the objects of an S3 event are converted from an s3:// source; got \"" + sourceUri
                    + "\": give the bucket and prefix the event's objects are under, e.g. s3://bucket/in/");
        }
        String rest = text.substring(scheme.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        Glob asGlob = Glob.compile(path);
        String prefix;
        Optional<Glob> glob;
        if (!asGlob.literalPrefix().equals(path)) {
            prefix = path.substring(0, asGlob.literalPrefix().lastIndexOf('/') + 1);
            glob = Optional.of(Glob.compile(path.substring(prefix.length())));
        } else {
            prefix = path.isEmpty() || path.endsWith("/") ? path : path + "/";
            glob = Optional.empty();
        }
        List<CreatedObject> selected = new ArrayList<>();
        List<CreatedObject> outside = new ArrayList<>();
        List<String> relatives = new ArrayList<>();
        for (CreatedObject object : event.created()) {
            String key = object.key();
            String relative = key.startsWith(prefix) ? key.substring(prefix.length()) : "";
            boolean under = object.bucket().equals(bucket) && !relative.isEmpty() && !key.endsWith("/")
                    && glob.map(g -> g.matches(relative)).orElse(true);
            if (under) {
                selected.add(object);
                relatives.add(Glob.escape(relative));
            } else {
                outside.add(object);
            }
        }
        Optional<String> narrowed = relatives.isEmpty() ? Optional.empty()
                : Optional.of(scheme + bucket + "/" + prefix + "{" + String.join(",", relatives) + "}");
        return new KeySelection(narrowed, selected, outside);
    }
}
