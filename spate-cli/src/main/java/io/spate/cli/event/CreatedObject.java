package io.spate.cli.event;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One object an S3 event notification says was created.
 *
 * @param bucket the bucket
 * @param key the object key, decoded (the notification URL-encodes it, with {@code +} for a space)
 * @param eventName the event, e.g. {@code ObjectCreated:Put}
 * @param size the object's size in bytes, when the notification gives it
 * @param eTag the object's ETag, when the notification gives it
 * @param messageId the id of the SQS message that carried the notification, when it came through SQS: the
 *        item to name in a partial batch failure
 */
public record CreatedObject(String bucket, String key, String eventName, OptionalLong size, Optional<String> eTag,
        Optional<String> messageId) {
    public CreatedObject {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(eventName, "eventName is null");
        requireNonNull(size, "size is null");
        requireNonNull(eTag, "eTag is null");
        requireNonNull(messageId, "messageId is null");
    }

    /** {@code s3://bucket/key}. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
