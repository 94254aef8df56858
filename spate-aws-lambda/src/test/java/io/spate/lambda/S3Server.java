package io.spate.lambda;

import java.net.URI;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** S3Proxy with in-memory storage on 127.0.0.1, and a plain SDK client to set up buckets and objects. */
final class S3Server implements AutoCloseable {
    static final String ACCESS_KEY = "spate-access";
    static final String SECRET_KEY = "spate-Secret-Key-42";

    private final S3ProxyJunitCore proxy;
    private final S3Client client;

    S3Server() throws Exception {
        proxy = new S3ProxyJunitCore.Builder().withCredentials(ACCESS_KEY, SECRET_KEY).withBlobStoreProvider("transient").build();
        proxy.beforeEach();
        client = S3Client.builder().endpointOverride(URI.create(endpoint())).forcePathStyle(true).region(Region.US_EAST_1)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(c -> c.chunkedEncodingEnabled(false))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getUri().getPort();
    }

    S3Client client() {
        return client;
    }

    void createBucket(String bucket) {
        client.createBucket(r -> r.bucket(bucket));
    }

    void put(String bucket, String key, byte[] content) {
        client.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    @Override
    public void close() {
        client.close();
        proxy.afterEach();
    }
}
