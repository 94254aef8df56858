package io.spate.storage;

import java.util.List;
import java.util.Optional;

/**
 * The keys a file source reads under its bucket or root: those under a prefix whose rest matches a glob and
 * no exclude. The source and the event routing that must agree with it both judge keys here.
 *
 * @param prefix keys start with this; the part after it is what globs and naming see
 * @param folder true when {@code prefix} names a folder or one object ({@code key: data/orders}), so that
 *        {@code data/orders.csv} is not under it; false for a raw S3 prefix ({@code prefix: logs/2024-})
 * @param globs a key must match one of these
 * @param excludes and none of these
 */
public record KeyScope(String prefix, boolean folder, List<Glob> globs, List<Glob> excludes) {

    public KeyScope {
        globs = List.copyOf(globs);
        excludes = List.copyOf(excludes);
    }

    /**
     * A path under the bucket (without a leading slash): a glob in it becomes the only glob, under the folder
     * before the glob; else the path is a folder or a single object.
     */
    public static KeyScope ofPath(String path, List<Glob> globs, List<Glob> excludes) {
        if (holdsGlob(path)) {
            int slash = Glob.compile(path).literalPrefix().lastIndexOf('/');
            String prefix = slash < 0 ? "" : path.substring(0, slash + 1);
            return new KeyScope(prefix, false, List.of(Glob.compile(path.substring(prefix.length()))), excludes);
        }
        return new KeyScope(path, !path.isEmpty() && !path.endsWith("/"), globs, excludes);
    }

    /** True when the path is a glob rather than a literal (escaped) path. */
    public static boolean holdsGlob(String path) {
        return !Glob.compile(path).literalPrefix().equals(path.replaceAll("\\\\(.)", "$1"));
    }

    /** The key relative to the prefix when it belongs to this scope and matches, else empty. */
    public Optional<String> relativeKey(String key) {
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
        if (relative.isEmpty() || key.endsWith("/")) {
            return Optional.empty();
        }
        String candidate = relative;
        boolean included = globs.stream().anyMatch(g -> g.matches(candidate));
        boolean excluded = excludes.stream().anyMatch(g -> g.matches(candidate));
        return included && !excluded ? Optional.of(relative) : Optional.empty();
    }

    /** The text without the slashes it starts with. */
    public static String stripLeadingSlashes(String text) {
        String out = text;
        while (out.startsWith("/")) {
            out = out.substring(1);
        }
        return out;
    }
}
