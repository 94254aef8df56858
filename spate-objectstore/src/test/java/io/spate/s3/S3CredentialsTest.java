package io.spate.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials beyond static keys: an assumed role (against a local STS endpoint), a profile, anonymous. */
class S3CredentialsTest {
    private static final String BUCKET = "creds-lake";
    private static final String ROLE = "arn:aws:iam::123456789012:role/spate-reader";

    @TempDir
    Path dir;
    private S3TestServer server;
    private FaultProxy proxy;
    private HttpServer sts;
    private final List<Map<String, String>> assumeRoleCalls = new CopyOnWriteArrayList<>();
    /** The Expiration of the n-th (0-based) session handed out. */
    private IntFunction<Instant> expiration = n -> Instant.now().plus(1, ChronoUnit.HOURS);

    @BeforeEach
    void start() throws Exception {
        server = new S3TestServer();
        proxy = new FaultProxy(server.port());
        server.createBucket(BUCKET);
        for (int i = 0; i < 3; i++) {
            server.put(BUCKET, "data/part-" + i + ".csv", ("id\n" + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
        sts = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sts.createContext("/", exchange -> {
            Map<String, String> form = form(exchange.getRequestBody());
            int n = assumeRoleCalls.size();
            assumeRoleCalls.add(form);
            // S3Proxy checks signatures against its one identity: the role's sessions carry it, with a new token each
            String body = """
                    <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <AssumeRoleResult>
                        <Credentials>
                          <AccessKeyId>%s</AccessKeyId>
                          <SecretAccessKey>%s</SecretAccessKey>
                          <SessionToken>session-token-%d</SessionToken>
                          <Expiration>%s</Expiration>
                        </Credentials>
                        <AssumedRoleUser>
                          <AssumedRoleId>AROAEXAMPLE:%s</AssumedRoleId>
                          <Arn>arn:aws:sts::123456789012:assumed-role/spate-reader/%s</Arn>
                        </AssumedRoleUser>
                      </AssumeRoleResult>
                      <ResponseMetadata><RequestId>req-%d</RequestId></ResponseMetadata>
                    </AssumeRoleResponse>
                    """.formatted(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY, n, expiration.apply(n),
                    form.get("RoleSessionName"), form.get("RoleSessionName"), n);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        sts.start();
    }

    @AfterEach
    void stop() throws IOException {
        sts.stop(0);
        proxy.close();
        server.close();
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(body.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private String stsEndpoint() {
        return "http://127.0.0.1:" + sts.getAddress().getPort();
    }

    /** Lists the prefix and reads every object, one request each: what a sync does. */
    private static List<String> readAll(S3ObjectStore store) throws IOException {
        List<String> contents = new java.util.ArrayList<>();
        List<String> keys;
        try (var listed = store.list("data/")) {
            keys = listed.map(io.spate.storage.ObjectInfo::key).toList();
        }
        for (String key : keys) {
            try (InputStream in = store.open(key)) {
                contents.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return contents;
    }

    private Map<String, Object> roleOptions() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("endpoint", proxy.endpoint());
        options.put("aws_access_key_id", "AKIASOURCE");
        options.put("aws_secret_access_key", "source-secret");
        options.put("role_arn", ROLE);
        options.put("external_id", "ext-42");
        options.put("role_session_name", "nightly-sync");
        options.put("duration_seconds", 900);
        options.put("sts_endpoint", stsEndpoint());
        return options;
    }

    @Test
    void roleArnAssumesTheRoleThroughStsWithEveryParameterAndSignsWithTheSession() throws IOException {
        try (S3ObjectStore store = new S3ObjectStore(BUCKET, S3Settings.from(Configuration.of(roleOptions()), Map.of(), 4))) {
            assertThat(readAll(store)).containsExactly("id\n0\n", "id\n1\n", "id\n2\n");
        }

        assertThat(assumeRoleCalls).hasSize(1);
        assertThat(assumeRoleCalls.get(0)).containsEntry("Action", "AssumeRole").containsEntry("Version", "2011-06-15")
                .containsEntry("RoleArn", ROLE).containsEntry("RoleSessionName", "nightly-sync").containsEntry("ExternalId", "ext-42")
                .containsEntry("DurationSeconds", "900");
        assertThat(proxy.requests()).hasSize(4).allSatisfy(r -> {
            assertThat(r.headers()).containsEntry("x-amz-security-token", "session-token-0");
            assertThat(r.headers().get("authorization")).contains("Credential=" + S3TestServer.ACCESS_KEY + "/");
        });
    }

    @Test
    void anAssumedRoleIsRefreshedBeforeItsSessionExpires() throws IOException {
        // the first session is 30 seconds from expiry, inside the refresh window: the next request renews it
        expiration = n -> n == 0 ? Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS)
                : Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        try (S3ObjectStore store = new S3ObjectStore(BUCKET, S3Settings.from(Configuration.of(roleOptions()), Map.of(), 4))) {
            assertThat(readAll(store)).hasSize(3);
        }

        assertThat(assumeRoleCalls).hasSize(2).allSatisfy(call -> assertThat(call).containsEntry("RoleArn", ROLE));
        List<String> tokens = proxy.requests().stream().map(r -> r.headers().get("x-amz-security-token")).toList();
        assertThat(tokens).hasSize(4).last().isEqualTo("session-token-1");
        assertThat(tokens).containsOnly("session-token-0", "session-token-1");
    }

    @Test
    void aRefusedAssumeRoleSaysWhatToCheckWithoutSecrets() {
        sts.removeContext("/");
        sts.createContext("/", exchange -> {
            byte[] bytes = """
                    <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform sts:AssumeRole</Message></Error>
                      <RequestId>r</RequestId>
                    </ErrorResponse>
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(403, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        try (S3ObjectStore store = new S3ObjectStore(BUCKET, S3Settings.from(Configuration.of(roleOptions()), Map.of(), 4))) {
            assertThatThrownBy(() -> readAll(store)).isInstanceOf(SpateException.class)
                    .hasMessage("listing s3://" + BUCKET + "/data/ failed: assuming role " + ROLE + " was refused: 403 AccessDenied"
                            + " (not authorized to perform sts:AssumeRole); check role_arn, external_id, and that the role's"
                            + " trust policy lets static key AKIASOURCE assume it")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("source-secret").doesNotContain("ext-42"));
        }
        assertThat(proxy.requests()).isEmpty();
    }

    @Test
    void profileIsReadFromTheSharedCredentialsFileTheEnvironmentNames() throws IOException {
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "[default]\naws_access_key_id = AKIAWRONG\naws_secret_access_key = wrong\n\n[spate-test]\n"
                + "aws_access_key_id = " + S3TestServer.ACCESS_KEY + "\naws_secret_access_key = " + S3TestServer.SECRET_KEY + "\n");
        Map<String, String> env = Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString(),
                "AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        S3Settings settings = S3Settings.from(Configuration.of(Map.of("endpoint", proxy.endpoint(), "profile", "spate-test")), env, 4);
        assertThat(settings.toString()).contains("credentials=profile spate-test");
        try (S3ObjectStore store = new S3ObjectStore(BUCKET, settings)) {
            assertThat(readAll(store)).hasSize(3);
        }
        assertThat(proxy.requests()).allSatisfy(r -> assertThat(r.headers().get("authorization"))
                .contains("Credential=" + S3TestServer.ACCESS_KEY + "/"));
    }

    @Test
    void anonymousSendsUnsignedRequestsToAPublicBucket() throws Exception {
        S3ProxyJunitCore open = new S3ProxyJunitCore.Builder().withBlobStoreProvider("transient").build();
        open.beforeEach();
        try (FaultProxy openProxy = new FaultProxy(open.getUri().getPort())) {
            // setup through the proxy with the same unsigned client settings would test nothing: a plain signed client
            try (S3ObjectStore setup = new S3ObjectStore("public-data", S3Settings.from(Configuration.of(Map.of("endpoint",
                    "http://127.0.0.1:" + open.getUri().getPort(), "aws_access_key_id", "AKIASETUP", "aws_secret_access_key", "x")),
                    Map.of(), 2))) {
                open.getUri();
                software.amazon.awssdk.services.s3.S3Client.builder().endpointOverride(java.net.URI.create("http://127.0.0.1:"
                        + open.getUri().getPort())).forcePathStyle(true).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                        .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create()).build()
                        .createBucket(r -> r.bucket("public-data"));
                setup.put("data/x.csv", "id\n7\n".getBytes(StandardCharsets.UTF_8));
            }
            Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "env-secret");
            S3Settings settings = S3Settings.from(Configuration.of(Map.of("endpoint", openProxy.endpoint(), "anonymous", true)), env, 4);
            try (S3ObjectStore store = new S3ObjectStore("public-data", settings)) {
                assertThat(readAll(store)).containsExactly("id\n7\n");
            }
            assertThat(openProxy.requests()).hasSize(2).allSatisfy(r -> assertThat(r.headers()).doesNotContainKey("authorization")
                    .doesNotContainKey("x-amz-security-token"));
        } finally {
            open.afterEach();
        }
    }

    @Test
    void credentialOptionsThatCannotWorkTogetherAreConfigurationProblems() {
        assertThat(S3Settings.credentialProblems(Configuration.of(Map.of("external_id", "x", "duration_seconds", 900))))
                .containsExactly("external_id, duration_seconds are given without role_arn: they only apply to an assumed role;"
                        + " add role_arn or remove them");
        assertThat(S3Settings.credentialProblems(Configuration.of(Map.of("anonymous", "true", "aws_access_key_id", "AKIA",
                "aws_secret_access_key", "s")))).containsExactly("anonymous: true sends unsigned requests, so aws_access_key_id would"
                        + " be ignored: remove anonymous or aws_access_key_id");
        assertThat(S3Settings.credentialProblems(Configuration.of(Map.of("role_arn", ROLE, "external_id", "x")))).isEmpty();
    }
}
