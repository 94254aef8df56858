package io.spate.s3;

import static java.util.Objects.requireNonNull;

import io.spate.retry.RetriableException;
import io.spate.retry.RetryPolicy;
import io.spate.sdk.SpateException;
import io.spate.storage.ObjectInfo;
import io.spate.storage.ObjectStore;
import io.spate.storage.ResumingInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ObjectStore} over one S3 bucket (AWS or an S3-compatible store), on the AWS SDK v2 with the
 * Apache HTTP client. Listings carry size, ETag and last-modified, so objects are never HEADed. Every
 * request runs under spate's {@link RetryPolicy} (the SDK's own retries are off): 500/502/503/504,
 * SlowDown, request timeouts, resets and refused connections are retried with backoff; 403, 404 and bad
 * credentials fail at once naming the bucket or key and what to check. A body that breaks mid-way is
 * resumed with a ranged GET from the byte reached.
 */
public final class S3ObjectStore implements ObjectStore {
    /** Parts of a multipart upload; S3 needs at least 5 MiB for all but the last. */
    static final int PART_SIZE = 8 << 20;

    private final String bucket;
    private final S3Settings settings;
    private final S3Client s3;
    private final S3Credentials.Signing credentials;
    private final RetryPolicy retry;

    public S3ObjectStore(String bucket, S3Settings settings) {
        this(bucket, settings, RetryPolicy.builder().maxAttempts(settings.maxAttempts()).initialDelay(Duration.ofMillis(200))
                .maxDelay(Duration.ofSeconds(20)).build());
    }

    /** With a given retry policy (tests pass one that does not sleep). */
    public S3ObjectStore(String bucket, S3Settings settings, RetryPolicy retry) {
        this.bucket = requireNonNull(bucket, "bucket is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.retry = requireNonNull(retry, "retry is null");
        this.credentials = S3Credentials.provider(settings);
        this.s3 = client(settings, credentials.provider());
    }

    private static S3Client client(S3Settings settings, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(settings.maxConnections())
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)).tcpKeepAlive(true))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(credentials);
        settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
        Optional<String> region = settings.effectiveRegion().or(S3ObjectStore::regionFromChain);
        builder.region(Region.of(region.orElse("us-east-1")));
        if (region.isEmpty()) {
            builder.crossRegionAccessEnabled(true);
        }
        return builder.build();
    }

    private static Optional<String> regionFromChain() {
        try {
            return Optional.of(new DefaultAwsRegionProviderChain().getRegion().id());
        } catch (SdkClientException e) {
            return Optional.empty();
        }
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public String location() {
        return "s3://" + bucket;
    }

    @Override
    public String uriOf(String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        requireNonNull(prefix, "prefix is null");
        Iterator<ObjectInfo> pages = new ListingIterator(prefix);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Fetches one ListObjectsV2 page at a time, each under the retry policy. */
    private final class ListingIterator implements Iterator<ObjectInfo> {
        private final String prefix;
        private final Deque<ObjectInfo> page = new ArrayDeque<>();
        private Optional<String> continuation = Optional.empty();
        private boolean lastPage;

        ListingIterator(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public boolean hasNext() {
            while (page.isEmpty() && !lastPage) {
                fetch();
            }
            return !page.isEmpty();
        }

        @Override
        public ObjectInfo next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.removeFirst();
        }

        private void fetch() {
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).maxKeys(settings.listPageSize());
            if (!prefix.isEmpty()) {
                request.prefix(prefix);
            }
            continuation.ifPresent(request::continuationToken);
            ListObjectsV2Request built = request.build();
            String what = "listing " + uriOf(prefix);
            ListObjectsV2Response response = retry.call(what, attempt -> call(what, Optional.empty(), () -> s3.listObjectsV2(built)));
            for (S3Object object : response.contents()) {
                page.add(new ObjectInfo(object.key(), object.size() == null ? 0 : object.size(),
                        object.eTag() == null ? "" : object.eTag(), object.lastModified()));
            }
            continuation = Optional.ofNullable(response.nextContinuationToken());
            lastPage = !Boolean.TRUE.equals(response.isTruncated()) || continuation.isEmpty();
        }
    }

    @Override
    public InputStream open(String key, long start, long end) {
        return open(key, start, end, () -> { });
    }

    @Override
    public InputStream open(String key, long start, long end, Runnable onRequest) {
        requireNonNull(key, "key is null");
        requireNonNull(onRequest, "onRequest is null");
        return new ResumingInputStream(uriOf(key), start, end, (from, to) -> {
            onRequest.run();
            return get(key, from, to);
        }, retry);
    }

    private ResumingInputStream.Body get(String key, long start, long end) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key);
        if (end >= 0 && start >= end) {
            return new ResumingInputStream.Body(InputStream.nullInputStream(), 0);
        }
        if (start > 0 || end >= 0) {
            request.range("bytes=" + start + "-" + (end >= 0 ? String.valueOf(end - 1) : ""));
        }
        GetObjectRequest built = request.build();
        ResponseInputStream<GetObjectResponse> body = call("reading " + uriOf(key), Optional.of(key),
                () -> s3.getObject(built, ResponseTransformer.toInputStream()));
        Long length = body.response().contentLength();
        long known = length == null ? -1 : length;
        return new ResumingInputStream.Body(new AbortOnEarlyClose(body, known), known);
    }

    /**
     * Closing a body before its end aborts the connection instead of draining the rest (which for a large
     * object would read it all). A body read to its announced length is at its end even when nobody read the
     * end-of-stream after it ({@link ResumingInputStream} stops at the length): closing it returns the
     * connection to the pool, so reading many small objects does not open a connection for each.
     */
    private static final class AbortOnEarlyClose extends FilterInputStream {
        private final ResponseInputStream<GetObjectResponse> body;
        private long remaining;
        private boolean ended;

        AbortOnEarlyClose(ResponseInputStream<GetObjectResponse> body, long length) {
            super(body);
            this.body = body;
            this.remaining = length;
            this.ended = length == 0;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            counted(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            counted(n);
            return n;
        }

        private void counted(int n) {
            if (n < 0) {
                ended = true;
            } else if (remaining > 0) {
                remaining -= n;
                ended |= remaining == 0;
            }
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                body.abort();
            }
            super.close();
        }
    }

    @Override
    public ObjectOutput create(String key) {
        return new MultipartOutput(key);
    }

    /** Buffers one part at a time; small objects are one PutObject, large ones a multipart upload. */
    private final class MultipartOutput extends ObjectOutput {
        private final String key;
        private final ByteArrayOutputStream part = new ByteArrayOutputStream();
        private final List<CompletedPart> parts = new ArrayList<>();
        private Optional<String> uploadId = Optional.empty();
        private boolean done;

        MultipartOutput(String key) {
            this.key = key;
        }

        @Override
        public void write(int b) {
            part.write(b);
            flushFullPart();
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            part.write(buffer, offset, length);
            flushFullPart();
        }

        private void flushFullPart() {
            if (part.size() >= PART_SIZE) {
                uploadPart();
            }
        }

        private void uploadPart() {
            String what = "uploading a part of " + uriOf(key);
            if (uploadId.isEmpty()) {
                uploadId = Optional.of(retry.call("starting the upload of " + uriOf(key), n -> call(what, Optional.of(key),
                        () -> s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId())));
            }
            byte[] bytes = part.toByteArray();
            part.reset();
            int number = parts.size() + 1;
            String etag = retry.call(what, n -> call(what, Optional.of(key), () -> s3.uploadPart(r -> r.bucket(bucket).key(key)
                    .uploadId(uploadId.get()).partNumber(number), RequestBody.fromBytes(bytes)).eTag()));
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }

        @Override
        public void abort() {
            if (done) {
                return;
            }
            done = true;
            part.reset();
            uploadId.ifPresent(id -> retry.run("aborting the upload of " + uriOf(key), () -> call("aborting the upload of "
                    + uriOf(key), Optional.of(key), () -> s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(id)))));
        }

        @Override
        public void close() {
            if (done) {
                return;
            }
            String what = "writing " + uriOf(key);
            try {
                if (uploadId.isEmpty()) {
                    byte[] bytes = part.toByteArray();
                    retry.run(what, () -> call(what, Optional.of(key), () -> s3.putObject(r -> r.bucket(bucket).key(key),
                            RequestBody.fromInputStream(new ByteArrayInputStream(bytes), bytes.length))));
                } else {
                    if (part.size() > 0) {
                        uploadPart();
                    }
                    retry.run(what, () -> call(what, Optional.of(key), () -> s3.completeMultipartUpload(r -> r.bucket(bucket)
                            .key(key).uploadId(uploadId.get()).multipartUpload(u -> u.parts(parts)))));
                }
                done = true;
            } catch (RuntimeException e) {
                abort();
                throw e;
            }
        }
    }

    @Override
    public void rename(String from, String to) {
        String what = "copying " + uriOf(from) + " to " + uriOf(to);
        retry.run(what, () -> call(what, Optional.of(from), () -> s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(from)
                .destinationBucket(bucket).destinationKey(to))));
        delete(from);
    }

    @Override
    public void delete(String key) {
        String what = "deleting " + uriOf(key);
        retry.run(what, () -> call(what, Optional.of(key), () -> s3.deleteObject(r -> r.bucket(bucket).key(key))));
    }

    /** Checks that the bucket is reachable with these credentials (a one-key listing). */
    public void check() {
        try (Stream<ObjectInfo> first = list("")) {
            first.findFirst();
        }
    }

    @Override
    public void close() {
        try (s3) {
            credentials.close();
        }
    }

    /** Runs one SDK call, turning its failures into retriable or permanent spate errors. */
    private <T> T call(String what, Optional<String> key, SdkCall<T> call) {
        try {
            return call.run();
        } catch (AwsServiceException e) {
            throw S3Errors.translate(what, bucket, key, settings, e);
        } catch (SdkClientException e) {
            throw S3Errors.translateClient(what, bucket, settings, e);
        } catch (SdkException e) {
            throw new SpateException(SpateException.Category.INTERNAL, what + " failed: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new RetriableException(what + " failed: " + e.getCause(), e);
        }
    }

    @FunctionalInterface
    private interface SdkCall<T> {
        T run();
    }
}
