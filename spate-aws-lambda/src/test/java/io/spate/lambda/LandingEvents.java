package io.spate.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spate.s3.S3TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * What the handler's tests share: an S3Proxy whose bucket "landing" holds the objects the event documents under
 * {@code /events} name (orders CSVs, a key no source covers, and a poison object), and invoking the handler.
 */
final class LandingEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LandingEvents() {
    }

    /** Starts S3Proxy with the bucket "landing" filled with the objects the events name. */
    static S3TestServer startLanding() throws Exception {
        S3TestServer s3 = new S3TestServer();
        s3.createBucket("landing");
        put(s3, "in/orders-1.csv", "id,amount\n1,1.50\n2,2.50\n");
        put(s3, "in/2026 11/orders 2.csv", "id,amount\n3,3.50\n");
        put(s3, "in/café/commandes été €.csv", "id,amount\n4,4.50\n5,5.50\n6,6.50\n");
        put(s3, "elsewhere/notes.csv", "id,amount\n99,9.99\n");
        put(s3, "in/good.csv", "id,amount\n7,7.50\n");
        put(s3, "in/also good.csv", "id,amount\n8,8.50\n");
        s3.put("landing", "in/poison.csv.gz", truncatedGzip("id,amount\n9,9.50\n10,10.50\n"));
        return s3;
    }

    /** Calls the handler with the event document {@code /events/EVENT} and returns what it wrote. */
    static JsonNode invoke(S3EventHandler handler, String event) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream input = LandingEvents.class.getResourceAsStream("/events/" + event)) {
            handler.handleRequest(input, output, null);
        }
        return JSON.readTree(output.toByteArray());
    }

    /** The status of each object in a handler's result, in order. */
    static List<String> statuses(JsonNode result) {
        return result.path("objects").findValuesAsText("status");
    }

    private static void put(S3TestServer s3, String key, String content) {
        s3.put("landing", key, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A gzip stream cut in the middle: no reader can get its rows. */
    private static byte[] truncatedGzip(String content) throws IOException {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return Arrays.copyOf(gzip.toByteArray(), gzip.size() / 2);
    }
}
