package io.spate.format.text;

import io.spate.format.compress.CorruptInputException;
import io.spate.sdk.SpateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Bytes decoded as text in a declared encoding, strictly: the decoder REPORTs malformed and unmappable
 * input instead of replacing it. Each invalid byte sequence is recorded ({@link #takeInvalid}) and stands
 * in the text as one {@link #INVALID} character, so a reader can tell which record and field it is in and
 * report it with its line and column, instead of failing without a place or "fixing" it silently.
 *
 * <p>A byte-order mark wins over the declared encoding when that is UTF-8 or UTF-16 (UTF-8's is
 * stripped; UTF-16's selects little or big endian).
 */
public final class DecodedText extends Reader {
    /** Stands for one invalid byte sequence in the decoded text (a Unicode noncharacter). */
    public static final char INVALID = '\uFFFF';

    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes;
    private final ArrayDeque<InvalidBytes> invalid = new ArrayDeque<>();
    private long bytesBefore;
    private boolean eof;
    private boolean flushed;
    /** True while an invalid sequence has been decoded and not yet taken: readers check it per field. */
    private boolean invalidPending;

    /**
     * An invalid byte sequence.
     *
     * @param byteOffset its offset in the (decompressed) input
     * @param hex the bytes, as {@code 0xC3 0x28}
     * @param charset the encoding they are invalid in
     */
    public record InvalidBytes(long byteOffset, String hex, String charset) {
        /** {@code invalid UTF-8 bytes 0xC3 0x28 at byte offset 17}. */
        public String describe() {
            return "invalid " + charset + " bytes " + hex + " at byte offset " + byteOffset;
        }
    }

    private DecodedText(InputStream in, Charset charset, ByteBuffer bytes, long bytesBefore) {
        this.in = in;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.bytes = bytes;
        this.bytesBefore = bytesBefore;
    }

    /** Decodes {@code in} as {@code declared}, honouring a byte-order mark as described above. */
    public static DecodedText open(InputStream in, Charset declared) {
        ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
        int length = fillAtLeast(in, bytes.array(), 4);
        bytes.limit(length);
        Charset charset = declared;
        int skip = 0;
        boolean unicode = declared.equals(StandardCharsets.UTF_8) || declared.name().startsWith("UTF-16");
        byte[] a = bytes.array();
        if (unicode && length >= 3 && (a[0] & 0xFF) == 0xEF && (a[1] & 0xFF) == 0xBB && (a[2] & 0xFF) == 0xBF) {
            charset = StandardCharsets.UTF_8;
            skip = 3;
        } else if (unicode && length >= 2 && (a[0] & 0xFF) == 0xFF && (a[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (unicode && length >= 2 && (a[0] & 0xFF) == 0xFE && (a[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        }
        bytes.position(skip);
        return new DecodedText(in, charset, bytes, 0);
    }

    private static int fillAtLeast(InputStream in, byte[] buffer, int wanted) {
        try {
            int length = 0;
            while (length < wanted) {
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
            return length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CorruptInputException e) {
            throw e.atLine(1);
        }
    }

    /** The encoding in use (the BOM's, when one was found). */
    public Charset charset() {
        return decoder.charset();
    }

    /** True when an invalid sequence was decoded and not yet {@link #takeInvalid taken}. */
    public boolean invalidPending() {
        return invalidPending;
    }

    /** The oldest invalid sequence not yet taken. */
    public Optional<InvalidBytes> takeInvalid() {
        InvalidBytes first = invalid.poll();
        invalidPending = !invalid.isEmpty();
        return Optional.ofNullable(first);
    }

    /**
     * Fails when an invalid sequence is left that no record took: it was {@code where} (say "outside the
     * records"), so no bad record can name it.
     */
    public void failOnUnplacedInvalid(String file, String where) {
        Optional<InvalidBytes> invalid = takeInvalid();
        if (invalid.isPresent()) {
            throw SpateException.data(file + ": " + invalid.get().describe() + " " + where
                    + "; set encoding: to the file's encoding");
        }
    }

    /** Bytes decoded so far (after decompression), including a BOM. */
    public long bytesConsumed() {
        return bytesBefore + bytes.position();
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (true) {
            if (eof && !bytes.hasRemaining()) {
                if (!flushed) {
                    decoder.decode(bytes, out, true);
                    if (decoder.flush(out).isOverflow()) {
                        return produced(out, off);
                    }
                    flushed = true;
                }
                int n = produced(out, off);
                return n == 0 ? -1 : n;
            }
            CoderResult result = decoder.decode(bytes, out, eof);
            if (result.isError()) {
                if (!out.hasRemaining()) {
                    return produced(out, off);
                }
                recordInvalid(result.length());
                out.put(INVALID);
                continue;
            }
            if (result.isOverflow() || out.position() > off) {
                return produced(out, off);
            }
            refill();
        }
    }

    private void recordInvalid(int length) {
        int start = bytes.position();
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                hex.append(' ');
            }
            hex.append(String.format("0x%02X", bytes.get(start + i) & 0xFF));
        }
        invalid.add(new InvalidBytes(bytesBefore + start, hex.toString(), decoder.charset().name()));
        invalidPending = true;
        bytes.position(start + length);
    }

    private static int produced(CharBuffer out, int off) {
        return out.position() - off;
    }

    private void refill() throws IOException {
        bytesBefore += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
