package io.spate.filesource;

import java.util.Map;

/** {@code connector: s3}: objects of an S3 bucket or an S3-compatible store. */
public final class S3Source extends ObjectStoreSource {
    public S3Source() {
        this(System.getenv());
    }

    /** With a given environment instead of the process's (AWS_* variables), for tests. */
    public S3Source(Map<String, String> environment) {
        super(true, environment);
    }

    @Override
    public String name() {
        return "s3";
    }
}
