package io.spate.s3;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-protocol server for tests: S3Proxy with in-memory storage on 127.0.0.1, plus a plain SDK
 * client to set up buckets and objects directly (not through the code under test).
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "spate-access";
    public static final String SECRET_KEY = "spate-secret-key";

    private final S3ProxyJunitCore proxy;
    private final S3Client client;

    public S3TestServer() throws Exception {
        // ignoreUnknownHeaders: S3Proxy otherwise refuses x-amz-security-token, which real S3 takes with session credentials
        proxy = new S3ProxyJunitCore.Builder().withCredentials(ACCESS_KEY, SECRET_KEY).withBlobStoreProvider("transient")
                .ignoreUnknownHeaders().build();
        proxy.beforeEach();
        client = S3Client.builder().endpointOverride(uri()).forcePathStyle(true).region(Region.US_EAST_1)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(c -> c.chunkedEncodingEnabled(false))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** The endpoint, on 127.0.0.1. */
    public URI uri() {
        URI uri = proxy.getUri();
        return URI.create("http://127.0.0.1:" + uri.getPort());
    }

    /** The endpoint URL as text, for configurations. */
    public String endpoint() {
        return uri().toString();
    }

    public int port() {
        return proxy.getUri().getPort();
    }

    public S3Client client() {
        return client;
    }

    public void createBucket(String bucket) {
        client.createBucket(r -> r.bucket(bucket));
    }

    public void put(String bucket, String key, byte[] content) {
        client.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    /** Uploads many objects with a few threads (setup only). */
    public void putAll(String bucket, Map<String, byte[]> objects) throws InterruptedException {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<?>> puts = new java.util.ArrayList<>();
            objects.forEach((key, content) -> puts.add(pool.submit(() -> put(bucket, key, content))));
            for (java.util.concurrent.Future<?> put : puts) {
                put.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("setting up " + bucket + " failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    public void delete(String bucket, String key) {
        client.deleteObject(r -> r.bucket(bucket).key(key));
    }

    /** Options of a connection to this server with the right credentials, as a pipeline would give them. */
    public Map<String, Object> connection(String endpoint) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("endpoint", endpoint);
        options.put("aws_access_key_id", ACCESS_KEY);
        options.put("aws_secret_access_key", SECRET_KEY);
        return options;
    }

    @Override
    public void close() {
        client.close();
        proxy.afterEach();
    }
}
