package io.spate.lambda;

import static io.spate.storage.KeyScope.stripLeadingSlashes;

import io.spate.cli.event.CreatedObject;
import io.spate.sdk.Configuration;
import io.spate.storage.Glob;
import io.spate.storage.KeyScope;
import java.util.List;
import java.util.Optional;

/**
 * Which objects an {@code s3} source block covers, read from its {@code uri} (or {@code bucket} with
 * {@code prefix} or {@code key}), {@code glob} and {@code exclude} the way the source reads them; and the
 * same block narrowed to one object, so that a sync reads that object and nothing else while naming its
 * table exactly as a full run would.
 */
final class SourceScope {
    private final String bucket;
    private final KeyScope keys;
    /** The uri holds a glob, which is replaced by the narrowing one. */
    private final boolean globInUri;

    private SourceScope(String bucket, KeyScope keys, boolean globInUri) {
        this.bucket = bucket;
        this.keys = keys;
        this.globInUri = globInUri;
    }

    /** The scope of an {@code s3} source block; empty when it names no bucket this way (it is then not ours to judge). */
    static Optional<SourceScope> of(Configuration source) {
        List<Glob> globs = compile(source.getList("glob").isEmpty() ? List.of("**") : source.getList("glob"));
        List<Glob> excludes = compile(source.getList("exclude"));
        Optional<String> uri = source.raw("uri").map(String::valueOf).map(String::trim);
        if (uri.isPresent()) {
            String text = uri.get();
            String scheme = text.startsWith("s3://") ? "s3://" : text.startsWith("s3a://") ? "s3a://" : "";
            if (scheme.isEmpty()) {
                return Optional.empty();
            }
            String rest = text.substring(scheme.length());
            int slash = rest.indexOf('/');
            String path = slash < 0 ? "" : stripLeadingSlashes(rest.substring(slash + 1));
            return Optional.of(withPath(slash < 0 ? rest : rest.substring(0, slash), path, globs, excludes, true));
        }
        Optional<String> bucket = source.raw("bucket").or(() -> source.raw("bucket_name")).map(String::valueOf);
        if (bucket.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> key = source.raw("key").map(String::valueOf);
        if (key.isPresent()) {
            return Optional.of(withPath(bucket.get(), stripLeadingSlashes(key.get()), globs, excludes, false));
        }
        String prefix = stripLeadingSlashes(source.getString("prefix", ""));
        return Optional.of(new SourceScope(bucket.get(), new KeyScope(prefix, false, globs, excludes), false));
    }

    private static SourceScope withPath(String bucket, String path, List<Glob> globs, List<Glob> excludes, boolean fromUri) {
        return new SourceScope(bucket, KeyScope.ofPath(path, globs, excludes), fromUri && KeyScope.holdsGlob(path));
    }

    /** The key relative to the source's prefix, when the object belongs to this source and matches its globs. */
    Optional<String> relativeKey(CreatedObject object) {
        return bucket.equals(object.bucket()) ? keys.relativeKey(object.key()) : Optional.empty();
    }

    /**
     * The source block narrowed to the object: its own location, with a glob matching only the object's
     * key (escaped: keys may hold {@code *}, {@code [} or {@code ,}).
     */
    Optional<Configuration> narrowedTo(Configuration source, CreatedObject object) {
        return relativeKey(object).map(relative -> {
            Configuration narrowed = source.with("glob", List.of(Glob.escape(relative)));
            return globInUri ? narrowed.with("uri", "s3://" + bucket + "/" + keys.prefix()) : narrowed;
        });
    }

    private static List<Glob> compile(List<String> patterns) {
        return patterns.stream().map(KeyScope::stripLeadingSlashes).map(Glob::compile).toList();
    }
}
