package io.spate.http;

import io.spate.sdk.SpateException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Undoes the body's {@code Content-Encoding} (gzip, deflate): the transfer's compression. A compressed
 * file format the body itself has ({@code .csv.gz} exports) is undone after this, by
 * {@link io.spate.format.compress.Decompression} from its magic bytes.
 */
final class BodyDecoding {
    private static final int BUFFER = 1 << 16;

    private BodyDecoding() {
    }

    static InputStream decode(InputStream raw, Optional<String> contentEncoding, String source) throws IOException {
        InputStream in = new BufferedInputStream(raw, BUFFER);
        String encoding = contentEncoding.orElse("identity");
        in = switch (encoding) {
            case "identity" -> in;
            case "gzip", "x-gzip" -> new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
            case "deflate" -> new BufferedInputStream(inflate(in), BUFFER);
            default -> throw SpateException.unsupported(source + " has Content-Encoding " + encoding
                    + ", which http_csv cannot decode (it accepts gzip and deflate)");
        };
        return in;
    }

    /** HTTP's deflate is zlib-wrapped, but some servers send raw deflate: the first byte tells which. */
    private static InputStream inflate(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        boolean zlib = first >= 0 && second >= 0 && (first & 0x0f) == 8 && ((first << 8) | second) % 31 == 0;
        return zlib ? new InflaterInputStream(in, new Inflater(), BUFFER) : new InflaterInputStream(in, new Inflater(true), BUFFER);
    }
}
