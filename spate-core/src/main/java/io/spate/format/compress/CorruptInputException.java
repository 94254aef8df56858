package io.spate.format.compress;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.SpateException;

/**
 * A compressed stream that ends early or holds invalid data: the file is damaged (DATA), not the
 * connection. Readers complete the message with the line they were at ({@link #atLine}).
 */
public final class CorruptInputException extends SpateException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String detail;

    public CorruptInputException(String file, String detail, Throwable cause) {
        super(Category.DATA, requireNonNull(file, "file is null") + ": " + requireNonNull(detail, "detail is null"), cause);
        this.file = file;
        this.detail = detail;
    }

    private CorruptInputException(String file, String detail, String message, Throwable cause) {
        super(Category.DATA, message, cause);
        this.file = file;
        this.detail = detail;
    }

    /** The same failure, placed: {@code FILE line N: detail}. */
    public CorruptInputException atLine(long line) {
        return new CorruptInputException(file, detail, file + " line " + line + ": " + detail, getCause());
    }

    /** The same failure, placed in a column: {@code FILE line N column "C": detail}. */
    public CorruptInputException at(long line, String column) {
        return new CorruptInputException(file, detail, file + " line " + line + " column \"" + column + "\": " + detail, getCause());
    }

    public String file() {
        return file;
    }

    public String detail() {
        return detail;
    }
}
