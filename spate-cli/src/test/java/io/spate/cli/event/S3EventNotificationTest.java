package io.spate.cli.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.SpateException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class S3EventNotificationTest {

    private static S3EventNotification parse(String json) {
        return S3EventNotification.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "event.json");
    }

    private static S3EventNotification resource(String name) throws Exception {
        try (InputStream in = S3EventNotificationTest.class.getResourceAsStream("/events/" + name)) {
            return S3EventNotification.parse(in, name);
        }
    }

    @Test
    void keepsCreatedObjectsWithDecodedKeysAndIgnoresOtherEvents() throws Exception {
        S3EventNotification event = resource("put-two-objects.json");

        assertThat(event.created()).containsExactly(
                new CreatedObject("landing", "in/2026/orders for café € 1+1.csv", "ObjectCreated:Put", OptionalLong.of(1024),
                        Optional.of("d41d8cd98f00b204e9800998ecf8427e"), Optional.empty()),
                new CreatedObject("landing", "in/2026/plain.csv", "ObjectCreated:CompleteMultipartUpload", OptionalLong.of(2048),
                        Optional.of("0123456789abcdef0123456789abcdef-2"), Optional.empty()));
        assertThat(event.ignored()).containsExactly("put-two-objects.json Records[2]: ObjectRemoved:Delete");
        assertThat(event.created().get(0).uri()).isEqualTo("s3://landing/in/2026/orders for café € 1+1.csv");
    }

    @Test
    void unwrapsNotificationsDeliveredThroughSqsAndSnsAndKeepsTheMessageId() {
        String s3 = "{\\\"Records\\\":[{\\\"eventName\\\":\\\"ObjectCreated:Copy\\\",\\\"s3\\\":{\\\"bucket\\\":{\\\"name\\\":\\\"b\\\"},"
                + "\\\"object\\\":{\\\"key\\\":\\\"a+b.csv\\\"}}}]}";
        S3EventNotification event = parse("""
                {"Records": [
                  {"messageId": "m-1", "eventSource": "aws:sqs", "body": "%1$s"},
                  {"EventSource": "aws:sns", "Sns": {"Message": "%1$s"}}
                ]}""".formatted(s3));

        assertThat(event.created()).containsExactly(new CreatedObject("b", "a b.csv", "ObjectCreated:Copy", OptionalLong.empty(),
                Optional.empty(), Optional.of("m-1")));
    }

    @Test
    void theTestEventS3SendsWhenANotificationIsSetUpNamesNoObject() {
        S3EventNotification event = parse("""
                {"Service": "Amazon S3", "Event": "s3:TestEvent", "Time": "2026-11-21T09:00:00.000Z",
                 "Bucket": "landing", "RequestId": "5582815E1AEA5ADF", "HostId": "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}""");

        assertThat(event.created()).isEmpty();
        assertThat(event.ignored()).containsExactly("s3:TestEvent for bucket landing");
    }

    @Test
    void aDocumentThatIsNotANotificationIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> parse("{\"records\": []}")).isInstanceOf(SpateException.class)
                .hasMessage("event.json: not an S3 event notification: expected {\"Records\": [...]}");
        assertThatThrownBy(() -> parse("{\"Records\": [")).isInstanceOf(SpateException.class)
                .hasMessageStartingWith("event.json: not JSON: ");
        assertThatThrownBy(() -> parse("{\"Records\": [{\"eventName\": \"ObjectCreated:Put\", \"s3\": {\"bucket\": {\"name\": \"b\"},"
                + " \"object\": {\"key\": \"100%.csv\"}}}]}")).isInstanceOf(SpateException.class)
                .hasMessageStartingWith("event.json Records[0]: s3.object.key \"100%.csv\" is not URL-encoded: ");
    }
}
