package io.spate.cli.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spate.sdk.SpateException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An S3 event notification document, as S3 sends it to Lambda, SQS or SNS (the documented format:
 * {@code Records[].eventName}, {@code Records[].s3.bucket.name}, {@code Records[].s3.object.key} URL-encoded
 * with {@code +} for spaces, {@code size}, {@code eTag}). Records that came through SQS ({@code body}) or SNS
 * ({@code Sns.Message}) are unwrapped. Only {@code ObjectCreated:*} records are kept; the others are
 * counted as ignored, as is the {@code s3:TestEvent} S3 sends when a notification is set up.
 *
 * @param created the created objects, each once, in the order of the document
 * @param ignored descriptions of the records that name no created object (other events, test events)
 */
public record S3EventNotification(List<CreatedObject> created, List<String> ignored) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATED = "ObjectCreated:";

    public S3EventNotification {
        created = List.copyOf(requireNonNull(created, "created is null"));
        ignored = List.copyOf(requireNonNull(ignored, "ignored is null"));
    }

    /** Reads a notification document from a file ({@code --keys-from EVENT.json}). */
    public static S3EventNotification read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw SpateException.config("event file " + file + " does not exist");
        } catch (IOException e) {
            throw new SpateException(SpateException.Category.CONFIG, "cannot read event file " + file + ": " + e, e);
        }
    }

    /** Parses a notification document; {@code source} names it in messages. */
    public static S3EventNotification parse(InputStream json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw SpateException.config(source + ": not JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new SpateException(SpateException.Category.CONFIG, "cannot read " + source + ": " + e, e);
        }
        return parse(root, source);
    }

    /** Parses a notification document already read as JSON. */
    public static S3EventNotification parse(JsonNode root, String source) {
        Map<String, CreatedObject> created = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        collect(root, source, Optional.empty(), created, ignored);
        return new S3EventNotification(List.copyOf(created.values()), ignored);
    }

    private static void collect(JsonNode root, String source, Optional<String> messageId, Map<String, CreatedObject> created,
            List<String> ignored) {
        if (root != null && "s3:TestEvent".equals(root.path("Event").asText())) {
            ignored.add("s3:TestEvent for bucket " + root.path("Bucket").asText());
            return;
        }
        JsonNode records = root == null ? null : root.get("Records");
        if (records == null || !records.isArray()) {
            throw SpateException.config(source + ": not an S3 event notification: expected {\"Records\": [...]}");
        }
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            String at = source + " Records[" + i + "]";
            if (record.hasNonNull("body") && "aws:sqs".equals(record.path("eventSource").asText())) {
                Optional<String> id = Optional.of(record.path("messageId").asText());
                collect(readEmbedded(record.get("body").asText(), at + ".body"), at + ".body", id, created, ignored);
            } else if (record.has("Sns")) {
                collect(readEmbedded(record.path("Sns").path("Message").asText(), at + ".Sns.Message"), at + ".Sns.Message",
                        messageId, created, ignored);
            } else {
                createdObject(record, at, messageId).ifPresentOrElse(
                        object -> created.putIfAbsent(object.bucket() + "/" + object.key(), object),
                        () -> ignored.add(at + ": " + record.path("eventName").asText("no eventName")));
            }
        }
    }

    private static Optional<CreatedObject> createdObject(JsonNode record, String at, Optional<String> messageId) {
        String eventName = record.path("eventName").asText("");
        if (!eventName.startsWith(CREATED)) {
            return Optional.empty();
        }
        JsonNode s3 = record.path("s3");
        String bucket = s3.path("bucket").path("name").asText("");
        String encodedKey = s3.path("object").path("key").asText("");
        if (bucket.isEmpty() || encodedKey.isEmpty()) {
            throw SpateException.config(at + ": an " + eventName + " record without s3.bucket.name or s3.object.key");
        }
        JsonNode object = s3.path("object");
        OptionalLong size = object.path("size").canConvertToLong() ? OptionalLong.of(object.path("size").asLong())
                : OptionalLong.empty();
        Optional<String> eTag = Optional.of(object.path("eTag").asText("")).filter(tag -> !tag.isEmpty());
        String key;
        try {
            key = decodeKey(encodedKey);
        } catch (IllegalArgumentException e) {
            throw SpateException.config(at + ": s3.object.key \"" + encodedKey + "\" is not URL-encoded: " + e.getMessage());
        }
        return Optional.of(new CreatedObject(bucket, key, eventName, size, eTag, messageId));
    }

    /** S3 event keys are URL-encoded as in a form: {@code +} is a space, {@code %2B} a plus sign. */
    static String decodeKey(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    private static JsonNode readEmbedded(String text, String at) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw SpateException.config(at + ": not JSON: " + e.getOriginalMessage());
        }
    }
}
