package io.spate.filesource;

import static io.spate.storage.KeyScope.stripLeadingSlashes;
import static java.util.Objects.requireNonNull;

import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import io.spate.storage.Glob;
import io.spate.storage.KeyScope;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a source's objects are: a bucket or a local root directory, the prefix under it, and the globs a
 * key (relative to the prefix) must match. Resolved once from {@code uri}, {@code path}, {@code bucket} +
 * {@code prefix} or {@code key}.
 *
 * @param bucket the bucket (s3)
 * @param root the root directory (files)
 * @param prefix keys start with this; the part after it is what globs and naming see
 * @param folder true when {@code prefix} names a folder or one object ({@code key: data/orders}), so that
 *        {@code data/orders.csv} is not under it; false for a raw S3 prefix ({@code prefix: logs/2024-})
 * @param globs a key must match one of these
 * @param excludes and none of these
 */
record SourceLocation(Optional<String> bucket, Optional<Path> root, String prefix, boolean folder, List<Glob> globs,
        List<Glob> excludes) {

    SourceLocation {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(root, "root is null");
        requireNonNull(prefix, "prefix is null");
        globs = List.copyOf(globs);
        excludes = List.copyOf(excludes);
    }

    static SourceLocation resolve(Configuration config, boolean s3) {
        List<Glob> globs = compile(config.get(FileSourceOptions.GLOB));
        List<Glob> excludes = compile(config.get(FileSourceOptions.EXCLUDE));
        return s3 ? resolveS3(config, globs, excludes) : resolveFiles(config, globs, excludes);
    }

    private static SourceLocation resolveS3(Configuration config, List<Glob> globs, List<Glob> excludes) {
        Optional<String> uri = config.find(FileSourceOptions.URI);
        if (uri.isPresent()) {
            String text = uri.get().trim();
            String scheme = text.startsWith("s3://") ? "s3://" : text.startsWith("s3a://") ? "s3a://" : "";
            if (scheme.isEmpty()) {
                throw SpateException.config("uri \"" + text + "\" is not an s3:// URI: write s3://bucket/prefix/, or use"
                        + " connector: files for local paths");
            }
            String rest = text.substring(scheme.length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String path = slash < 0 ? "" : rest.substring(slash + 1);
            return withPath(Optional.of(checkBucket(bucket)), Optional.empty(), path, globs, excludes);
        }
        Optional<String> bucket = config.find(FileSourceOptions.BUCKET).or(() -> config.find(FileSourceOptions.BUCKET_NAME));
        if (bucket.isEmpty()) {
            throw SpateException.config("the s3 source needs uri (s3://bucket/prefix/) or bucket (with prefix or key)");
        }
        Optional<String> key = config.find(FileSourceOptions.KEY);
        if (key.isPresent()) {
            return withPath(Optional.of(checkBucket(bucket.get())), Optional.empty(), key.get(), globs, excludes);
        }
        String prefix = stripLeadingSlashes(config.get(FileSourceOptions.PREFIX));
        return new SourceLocation(Optional.of(checkBucket(bucket.get())), Optional.empty(), prefix, false, globs, excludes);
    }

    private static SourceLocation resolveFiles(Configuration config, List<Glob> globs, List<Glob> excludes) {
        String text = config.find(FileSourceOptions.PATH).or(() -> config.find(FileSourceOptions.URI)).orElseThrow(
                () -> SpateException.config("the files source needs path (a directory, file or glob) or uri (file:///dir/)"));
        String path = text.trim();
        if (path.startsWith("file:")) {
            path = URI.create(path.replace(" ", "%20")).getPath();
        }
        Glob literal = Glob.compile(path);
        if (KeyScope.holdsGlob(path)) {
            String fixed = literal.literalPrefix();
            int slash = fixed.lastIndexOf('/');
            Path root = Path.of(slash <= 0 ? "/" : fixed.substring(0, slash)).toAbsolutePath();
            return new SourceLocation(Optional.empty(), Optional.of(requireDirectory(root, text)), "", false,
                    List.of(Glob.compile(path.substring(slash + 1))), excludes);
        }
        Path target = Path.of(path).toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            return new SourceLocation(Optional.empty(), Optional.of(target), "", false, globs, excludes);
        }
        if (Files.isRegularFile(target)) {
            return new SourceLocation(Optional.empty(), Optional.of(target.getParent()), target.getFileName().toString(), true,
                    globs, excludes);
        }
        throw SpateException.config("path " + text + " does not exist: give an existing directory, file or glob");
    }

    /** A path under the bucket: a glob in it becomes the glob; else a folder or a single object. */
    private static SourceLocation withPath(Optional<String> bucket, Optional<Path> root, String rawPath, List<Glob> globs,
            List<Glob> excludes) {
        KeyScope scope = KeyScope.ofPath(stripLeadingSlashes(rawPath), globs, excludes);
        return new SourceLocation(bucket, root, scope.prefix(), scope.folder(), scope.globs(), scope.excludes());
    }

    /** What listing asks for: the prefix plus the literal start of the glob, when there is one glob. */
    String listPrefix() {
        if (folder) {
            return prefix;
        }
        return globs.size() == 1 ? prefix + globs.get(0).literalPrefix() : prefix;
    }

    /** The key relative to the prefix when it belongs to this source and matches, else empty. */
    Optional<String> relativeKey(String key) {
        return new KeyScope(prefix, folder, globs, excludes).relativeKey(key);
    }

    /** The last directory name of the prefix (or the bucket or root), for {dir} of keys at the top. */
    String topName() {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (folder) {
            int slash = trimmed.lastIndexOf('/');
            trimmed = slash < 0 ? "" : trimmed.substring(0, slash);
        }
        if (!trimmed.isEmpty()) {
            return trimmed.substring(trimmed.lastIndexOf('/') + 1);
        }
        return bucket.orElseGet(() -> root.map(r -> r.getFileName() == null ? "root" : r.getFileName().toString()).orElse("root"));
    }

    private static List<Glob> compile(List<String> patterns) {
        List<Glob> out = new ArrayList<>();
        patterns.forEach(p -> out.add(Glob.compile(stripLeadingSlashes(p))));
        return out;
    }

    private static Path requireDirectory(Path root, String text) {
        if (!Files.isDirectory(root)) {
            throw SpateException.config("path " + text + ": directory " + root + " does not exist");
        }
        return root;
    }

    private static String checkBucket(String bucket) {
        if (bucket.isBlank()) {
            throw SpateException.config("the bucket name is empty: write s3://bucket/prefix/ or set bucket");
        }
        return bucket;
    }
}
