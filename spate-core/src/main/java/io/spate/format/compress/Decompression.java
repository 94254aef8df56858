package io.spate.format.compress;

import com.github.luben.zstd.ZstdInputStream;
import io.spate.sdk.SpateException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.xerial.snappy.SnappyFramedInputStream;

/**
 * Opens (possibly compressed) inputs as decompressed streams. With {@code compression: auto} the magic
 * bytes decide, then the extension (magic bytes win: an object stored as {@code .gz} but served already
 * decompressed is read as it is). Concatenated gzip, bzip2, xz, lz4 and zstd members/frames are all read.
 *
 * <p>Failures are split by their cause: an {@link IOException} of the caller's stream (a reset
 * connection) propagates as {@link UncheckedIOException} so the caller can retry or resume from its
 * offset; a stream that ends inside compressed data or holds invalid data is a damaged file and raises
 * {@link CorruptInputException} (DATA), never a silently short read.
 */
public final class Decompression {
    private static final int BUFFER = 1 << 16;

    private Decompression() {
    }

    /** The compression to use for {@code fileName}: the option, else magic bytes, else the extension. */
    public static Compression detect(InputStream markable, String fileName, String option) {
        Optional<Compression> declared = Compression.fromOption(option);
        if (declared.isPresent()) {
            return declared.get();
        }
        byte[] head = new byte[Compression.MAGIC_BYTES];
        int length = peek(markable, head);
        return Compression.byMagic(head, length).or(() -> Compression.byExtension(fileName)
                .filter(c -> c == Compression.DEFLATE)).orElse(Compression.NONE);
    }

    /**
     * The decompressed bytes of a single-file input. A zip archive must hold exactly one file here; use
     * {@link #members} to read archives of several.
     */
    public static InputStream open(InputStream raw, String fileName, String option) {
        Members members = members(raw, fileName, option);
        if (!members.isArchive()) {
            return members.next().stream();
        }
        if (!members.hasNext()) {
            throw SpateException.data(fileName + ": the zip archive holds no file");
        }
        ArchiveMember only = members.next();
        return new FilterInputStream(only.stream()) {
            @Override
            public int read() throws IOException {
                return atEnd(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return atEnd(in.read(b, off, len));
            }

            private int atEnd(int result) {
                if (result < 0 && members.hasNext()) {
                    throw SpateException.unsupported(fileName + ": the zip archive holds more than one file; read its "
                            + "members one by one");
                }
                return result;
            }

            @Override
            public void close() {
                members.close();
            }
        };
    }

    /**
     * The files of an input: one (decompressed) file, or each file member of a zip archive in order, each
     * itself decompressed by its own name and magic bytes. Members keep their names as given (with
     * compression extensions: {@link io.spate.format.Format#byFileName} looks past them), so messages name the
     * real file. Close the result to close {@code raw}.
     */
    public static Members members(InputStream raw, String fileName, String option) {
        SourceStream source = new SourceStream(raw);
        BufferedInputStream buffered = new BufferedInputStream(source, BUFFER);
        Compression compression = detect(buffered, fileName, option);
        if (compression == Compression.ZIP) {
            return new Members(fileName, source, new ZipArchiveInputStream(buffered));
        }
        InputStream stream = decompress(buffered, compression, fileName, source);
        return new Members(fileName, fileName, stream);
    }

    private static InputStream decompress(InputStream in, Compression compression, String fileName, SourceStream source) {
        if (compression == Compression.NONE) {
            return new GuardedStream(in, in, fileName, "", source);
        }
        try {
            InputStream decompressed = switch (compression) {
                case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
                case BZIP2 -> new BZip2CompressorInputStream(in, true);
                case ZSTD -> new BufferedInputStream(new ZstdInputStream(in), BUFFER);
                case XZ -> XZCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
                case LZ4 -> new FramedLZ4CompressorInputStream(in, true);
                case SNAPPY -> new SnappyFramedInputStream(in, true); // snappy-java: native, ~40x commons-compress
                case DEFLATE -> new InflaterInputStream(in, new Inflater(), BUFFER);
                case NONE, ZIP -> throw new IllegalStateException(compression + " is not a stream compression");
            };
            return new GuardedStream(decompressed, in, fileName, compression.optionName(), source);
        } catch (IOException e) {
            throw GuardedStream.translate(e, fileName, compression.optionName(), source, 0);
        }
    }

    private static int peek(InputStream in, byte[] head) {
        try {
            in.mark(head.length);
            int length = 0;
            while (length < head.length) {
                int n = in.read(head, length, head.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
            in.reset();
            return length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files of one input; see {@link Decompression#members}. */
    public static final class Members implements Iterator<ArchiveMember>, Closeable {
        private final String fileName;
        private final Closeable source;
        private final ZipArchiveInputStream zip;
        private ArchiveMember single;
        private ZipArchiveEntry nextEntry;
        private boolean entryLoaded;

        private Members(String fileName, String memberName, InputStream stream) {
            this.fileName = fileName;
            this.source = stream;
            this.zip = null;
            this.single = new ArchiveMember(memberName, stream);
        }

        private Members(String fileName, Closeable source, ZipArchiveInputStream zip) {
            this.fileName = fileName;
            this.source = source;
            this.zip = zip;
        }

        /** True when the input is a zip archive. */
        public boolean isArchive() {
            return zip != null;
        }

        @Override
        public boolean hasNext() {
            if (zip == null) {
                return single != null;
            }
            if (!entryLoaded) {
                nextEntry = nextFileEntry();
                entryLoaded = true;
            }
            return nextEntry != null;
        }

        @Override
        public ArchiveMember next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (zip == null) {
                ArchiveMember result = single;
                single = null;
                return result;
            }
            entryLoaded = false;
            String memberName = fileName + "!/" + nextEntry.getName();
            InputStream entryStream = new FilterInputStream(zip) {
                @Override
                public void close() {
                    // the archive stream stays open for the next member; closing Members closes it
                }
            };
            Members inner = members(entryStream, memberName, "auto");
            if (inner.isArchive()) {
                throw SpateException.unsupported(memberName + ": zip archives inside zip archives are not read");
            }
            return inner.next();
        }

        private ZipArchiveEntry nextFileEntry() {
            try {
                ZipArchiveEntry entry;
                do {
                    entry = zip.getNextEntry();
                } while (entry != null && entry.isDirectory());
                if (entry != null && !zip.canReadEntryData(entry)) {
                    throw SpateException.unsupported(fileName + "!/" + entry.getName()
                            + ": this zip member's compression method or encryption is not supported");
                }
                return entry;
            } catch (IOException e) {
                throw new CorruptInputException(fileName, "the zip archive is truncated or corrupt (" + e.getMessage() + ")", e);
            }
        }

        @Override
        public void close() {
            try {
                if (zip != null) {
                    zip.close();
                }
                source.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The caller's stream, remembering whether it failed, so its faults are told apart from damaged data. */
    static final class SourceStream extends FilterInputStream {
        private IOException failure;

        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        boolean failed() {
            return failure != null;
        }
    }

    /** A decompressed stream whose decompression failures become {@link CorruptInputException}s. */
    static final class GuardedStream extends FilterInputStream {
        private final InputStream compressed;
        private final String fileName;
        private final String compression;
        private final SourceStream source;
        private long produced;

        GuardedStream(InputStream decompressed, InputStream compressed, String fileName, String compression, SourceStream source) {
            super(decompressed);
            this.compressed = compressed;
            this.fileName = fileName;
            this.compression = compression;
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    produced += n;
                }
                return n;
            } catch (IOException e) {
                throw translate(e, fileName, compression, source, produced);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
            compressed.close();
        }

        static RuntimeException translate(IOException e, String fileName, String compression, SourceStream source, long produced) {
            if (source.failed() || compression.isEmpty()) {
                return new UncheckedIOException(e);
            }
            String why = e instanceof java.io.EOFException && e.getMessage() == null ? "unexpected end of data"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new CorruptInputException(fileName, "the " + compression + " data is truncated or corrupt after "
                    + produced + " decompressed bytes (" + why + ")", e);
        }
    }
}
