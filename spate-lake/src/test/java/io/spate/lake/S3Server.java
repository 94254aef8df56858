package io.spate.lake;

import io.spate.s3.S3ObjectStore;
import io.spate.s3.S3Settings;
import io.spate.sdk.Configuration;
import io.spate.storage.ObjectInfo;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** S3Proxy with in-memory storage on 127.0.0.1, for lake and convert tests. */
public final class S3Server implements AutoCloseable {
    static final String ACCESS_KEY = "spate-access";
    static final String SECRET_KEY = "spate-secret-key";

    private final S3ProxyJunitCore proxy;

    public S3Server() throws Exception {
        proxy = new S3ProxyJunitCore.Builder().withCredentials(ACCESS_KEY, SECRET_KEY).withBlobStoreProvider("transient").build();
        proxy.beforeEach();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getUri().getPort();
    }

    public void createBucket(String bucket) {
        try (S3Client client = S3Client.builder().endpointOverride(URI.create(endpoint())).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))).build()) {
            client.createBucket(r -> r.bucket(bucket));
        }
    }

    /** Connection options as a pipeline gives them. */
    public Map<String, Object> connection() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("endpoint", endpoint());
        options.put("aws_access_key_id", ACCESS_KEY);
        options.put("aws_secret_access_key", SECRET_KEY);
        return options;
    }

    public S3ObjectStore store(String bucket) {
        return new S3ObjectStore(bucket, S3Settings.from(Configuration.of(connection()), Map.of(), 8));
    }

    /** Keys under a prefix. */
    public List<String> keys(String bucket, String prefix) {
        try (S3ObjectStore store = store(bucket); Stream<ObjectInfo> listing = store.list(prefix)) {
            return listing.map(ObjectInfo::key).toList();
        }
    }

    /** Copies every object under {@code prefix} into {@code dir}, keeping relative paths. */
    public void download(String bucket, String prefix, Path dir) throws Exception {
        try (S3ObjectStore store = store(bucket); Stream<ObjectInfo> listing = store.list(prefix)) {
            for (ObjectInfo object : listing.toList()) {
                Path target = dir.resolve(object.key().substring(prefix.length()));
                Files.createDirectories(target.getParent());
                try (InputStream in = store.open(object.key())) {
                    Files.copy(in, target);
                }
            }
        }
    }

    @Override
    public void close() {
        proxy.afterEach();
    }
}
