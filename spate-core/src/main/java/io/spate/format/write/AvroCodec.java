package io.spate.format.write;

import io.spate.sdk.SpateException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.avro.file.CodecFactory;

/** The block codec of an Avro file. {@link #DEFLATE} is the default: every Avro reader supports it. */
public enum AvroCodec {
    NULL, DEFLATE, SNAPPY, ZSTD, XZ, BZIP2;

    /** The {@code compression} option for Avro: {@code null}/{@code none}, {@code deflate}, {@code snappy}, {@code zstd}, {@code xz}, {@code bzip2}. */
    public static AvroCodec parse(String option) {
        return switch (option.trim().toLowerCase(Locale.ROOT)) {
            case "null", "none", "uncompressed" -> NULL;
            case "deflate" -> DEFLATE;
            case "snappy" -> SNAPPY;
            case "zstd", "zstandard" -> ZSTD;
            case "xz" -> XZ;
            case "bzip2", "bz2" -> BZIP2;
            default -> throw SpateException.config("compression \"" + option + "\" is not an Avro codec; use one of "
                    + Arrays.stream(values()).map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        };
    }

    CodecFactory factory() {
        return switch (this) {
            case NULL -> CodecFactory.nullCodec();
            case DEFLATE -> CodecFactory.deflateCodec(6);
            case SNAPPY -> CodecFactory.snappyCodec();
            case ZSTD -> CodecFactory.zstandardCodec(3);
            case XZ -> CodecFactory.xzCodec(6);
            case BZIP2 -> CodecFactory.bzip2Codec();
        };
    }
}
