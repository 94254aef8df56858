package io.spate.storage;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.SpateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An {@link ObjectStore} over a local directory: keys are paths relative to the root with {@code /}
 * separators. Objects are written to a hidden temporary file beside their key and published by an atomic
 * rename, so a reader never sees half an object. The ETag is derived from size and modification time.
 */
public final class LocalObjectStore implements ObjectStore {
    private static final String TEMP_PREFIX = ".spate-tmp-";

    private final Path root;

    public LocalObjectStore(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String location() {
        return root.toUri().toString();
    }

    @Override
    public String uriOf(String key) {
        return pathOf(key).toUri().toString();
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        requireNonNull(prefix, "prefix is null");
        int lastSlash = prefix.lastIndexOf('/');
        Path start = lastSlash < 0 ? root : pathOf(prefix.substring(0, lastSlash));
        if (!Files.isDirectory(start)) {
            if (!Files.isDirectory(root)) {
                throw new SpateException(SpateException.Category.CONFIG, "directory " + root + " does not exist: check the"
                        + " files source's path or uri");
            }
            return Stream.empty();
        }
        List<ObjectInfo> objects = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(start)) {
            paths.forEach(path -> {
                String key = keyOf(path);
                if (key.startsWith(prefix) && !path.getFileName().toString().startsWith(TEMP_PREFIX)) {
                    infoOf(key, path).ifPresent(objects::add);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new SpateException(SpateException.Category.INTERNAL, "listing " + start + " failed: " + e.getMessage(), e);
        }
        objects.sort(Comparator.comparing(ObjectInfo::key));
        return objects.stream();
    }

    private java.util.Optional<ObjectInfo> infoOf(String key, Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return java.util.Optional.empty();
            }
            long modifiedMicros = attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.MICROSECONDS);
            String etag = Long.toHexString(attributes.size()) + "-" + Long.toHexString(modifiedMicros);
            return java.util.Optional.of(new ObjectInfo(key, attributes.size(), etag, attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the attributes of " + path + " failed", e);
        }
    }

    @Override
    public java.util.Optional<Path> localFile(String key) {
        Path path = pathOf(key);
        return java.nio.file.Files.isRegularFile(path) ? java.util.Optional.of(path) : java.util.Optional.empty();
    }

    @Override
    public InputStream open(String key, long start, long end) {
        Path path = pathOf(key);
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            channel.position(start);
            InputStream in = Channels.newInputStream(channel);
            return end < 0 ? in : new BoundedInputStream(in, end - start);
        } catch (NoSuchFileException e) {
            throw new SpateException(SpateException.Category.INTERNAL, path + " does not exist (it was listed, then removed?)", e);
        } catch (IOException e) {
            throw new SpateException(SpateException.Category.INTERNAL, "opening " + path + " failed: " + e.getMessage()
                    + "; check that the file is readable", e);
        }
    }

    @Override
    public ObjectOutput create(String key) {
        Path target = pathOf(key);
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling(TEMP_PREFIX + UUID.randomUUID() + "-" + target.getFileName());
            OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new LocalOutput(out, temp, target);
        } catch (IOException e) {
            throw new SpateException(SpateException.Category.INTERNAL, "creating " + target + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void rename(String from, String to) {
        Path source = pathOf(from);
        Path target = pathOf(to);
        try {
            Files.createDirectories(target.getParent());
            move(source, target);
        } catch (IOException e) {
            throw new SpateException(SpateException.Category.INTERNAL, "renaming " + source + " to " + target + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) {
        Path path = pathOf(key);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new SpateException(SpateException.Category.INTERNAL, "deleting " + path + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // nothing held between calls
    }

    private static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path pathOf(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw SpateException.config("key " + key + " points outside " + root);
        }
        return path;
    }

    private String keyOf(Path path) {
        return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    /** Reads at most {@code remaining} bytes of the underlying stream. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static final class LocalOutput extends ForwardingObjectOutput {
        private final Path temp;
        private final Path target;
        private boolean done;

        LocalOutput(OutputStream out, Path temp, Path target) {
            super(out);
            this.temp = temp;
            this.target = target;
        }

        @Override
        public void abort() {
            if (done) {
                return;
            }
            done = true;
            try {
                out.close();
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                throw new UncheckedIOException("discarding " + temp + " failed", e);
            }
        }

        @Override
        public void close() throws IOException {
            if (done) {
                return;
            }
            done = true;
            out.close();
            move(temp, target);
        }
    }
}
