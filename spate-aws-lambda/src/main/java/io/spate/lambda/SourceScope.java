package io.spate.lambda;

import io.spate.cli.event.CreatedObject;
import io.spate.sdk.Configuration;
import io.spate.storage.Glob;
import java.util.List;
import java.util.Optional;

/**
 * Which objects an {@code s3} source block covers, read from its {@code uri} (or {@code bucket} with
 * {@code prefix} or {@code key}), {@code glob} and {@code exclude} the way the source reads them; and the
 * same block narrowed to one object, so that a sync reads that object and nothing else while naming its
 * table exactly as a full run would.
 */
final class SourceScope {
    private static final String GLOB_SPECIAL = "*?[]{},\\";

    private final String bucket;
    private final String prefix;
    /** The path names a folder or one object (data/orders): data/orders.csv is not under it. */
    private final boolean folder;
    private final List<Glob> globs;
    private final List<Glob> excludes;
    /** The uri holds a glob, which is replaced by the narrowing one. */
    private final boolean globInUri;

    private SourceScope(String bucket, String prefix, boolean folder, List<Glob> globs, List<Glob> excludes, boolean globInUri) {
        this.bucket = bucket;
        this.prefix = prefix;
        this.folder = folder;
        this.globs = globs;
        this.excludes = excludes;
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
        return Optional.of(new SourceScope(bucket.get(), prefix, false, globs, excludes, false));
    }

    private static SourceScope withPath(String bucket, String path, List<Glob> globs, List<Glob> excludes, boolean fromUri) {
        Glob asGlob = Glob.compile(path);
        if (!asGlob.literalPrefix().equals(path.replaceAll("\\\\(.)", "$1"))) {
            int slash = asGlob.literalPrefix().lastIndexOf('/');
            String prefix = slash < 0 ? "" : path.substring(0, slash + 1);
            return new SourceScope(bucket, prefix, false, List.of(Glob.compile(path.substring(prefix.length()))), excludes, fromUri);
        }
        return new SourceScope(bucket, path, !path.isEmpty() && !path.endsWith("/"), globs, excludes, false);
    }

    /** The key relative to the source's prefix, when the object belongs to this source and matches its globs. */
    Optional<String> relativeKey(CreatedObject object) {
        if (!bucket.equals(object.bucket()) || object.key().endsWith("/")) {
            return Optional.empty();
        }
        String key = object.key();
        String relative;
        if (folder) {
            if (key.equals(prefix)) {
                relative = key.substring(key.lastIndexOf('/') + 1);
            } else if (key.startsWith(prefix + "/")) {
                relative = key.substring(prefix.length() + 1);
            } else {
                return Optional.empty();
            }
        } else if (key.startsWith(prefix)) {
            relative = stripLeadingSlashes(key.substring(prefix.length()));
        } else {
            return Optional.empty();
        }
        String candidate = relative;
        boolean included = globs.stream().anyMatch(glob -> glob.matches(candidate));
        boolean excluded = excludes.stream().anyMatch(glob -> glob.matches(candidate));
        return !relative.isEmpty() && included && !excluded ? Optional.of(relative) : Optional.empty();
    }

    /**
     * The source block narrowed to the object: its own location, with a glob matching only the object's
     * key (escaped: keys may hold {@code *}, {@code [} or {@code ,}).
     */
    Optional<Configuration> narrowedTo(Configuration source, CreatedObject object) {
        return relativeKey(object).map(relative -> {
            Configuration narrowed = source.with("glob", List.of(escape(relative)));
            return globInUri ? narrowed.with("uri", "s3://" + bucket + "/" + prefix) : narrowed;
        });
    }

    static String escape(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 8);
        for (char c : literal.toCharArray()) {
            if (GLOB_SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static List<Glob> compile(List<String> patterns) {
        return patterns.stream().map(SourceScope::stripLeadingSlashes).map(Glob::compile).toList();
    }

    private static String stripLeadingSlashes(String text) {
        String out = text;
        while (out.startsWith("/")) {
            out = out.substring(1);
        }
        return out;
    }
}
