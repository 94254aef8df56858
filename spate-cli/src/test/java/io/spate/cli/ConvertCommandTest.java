package io.spate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.s3.S3TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code spate convert} over the convert engine: local directories, and S3 with --keys-from an event. */
class ConvertCommandTest {
    private static S3TestServer s3;

    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeAll
    static void startServer() throws Exception {
        s3 = new S3TestServer();
        s3.createBucket("landing");
        s3.createBucket("lake");
        s3.put("landing", "in/orders-1.csv", "id,amount\n1,1.50\n2,2.50\n".getBytes(StandardCharsets.UTF_8));
        s3.put("landing", "in/2026 11/commandes été €.csv", "id,amount\n3,3.50\n".getBytes(StandardCharsets.UTF_8));
        s3.put("landing", "in/not-in-the-event.csv", "id,amount\n4,4.50\n".getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopServer() {
        s3.close();
    }

    private int spate(Map<String, String> environment, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Spate.run(out, err, environment, Terminal.none(), args);
    }

    private static Map<String, String> awsEnvironment() {
        return Map.of("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY,
                "AWS_REGION", "us-east-1");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static List<String> duckdb(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.add(rows.getString(i));
                }
                values.add(String.join("|", row));
            }
            return values;
        }
    }

    @Test
    void convertsADirectoryToParquetAndAvroMirroringPathsAndSkipsItTheSecondTime() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in/a"));
        Files.writeString(in.resolve("x.csv"), "id,amount,note\n1,1.50,hello\n2,2.50,\"with, comma\"\n");
        Files.write(dir.resolve("in/y.csv.gz"), gzip("id,amount,note\n3,3.50,gzipped\n"));
        Path output = dir.resolve("out");

        int exit = spate(Map.of(), "convert", dir.resolve("in").toString(), "--to", "parquet,avro", "--out", output.toString(),
                "--workdir", dir.resolve("work").toString());

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(output.resolve("a/x.parquet")).exists();
        assertThat(output.resolve("a/x.avro")).exists();
        assertThat(output.resolve("y.parquet")).exists();
        assertThat(output.resolve("y.avro")).exists();
        assertThat(duckdb("select count(*), sum(amount), string_agg(note, ';' order by id) from read_parquet('"
                + output + "/**/*.parquet')")).containsExactly("3|7.50|hello;with, comma;gzipped");
        assertThat(out.toString()).containsPattern("a/x\\.csv +2 ").containsPattern("y\\.csv\\.gz +1 ")
                .containsPattern("total +3 ").contains("2 converted, 0 skipped (already converted), 0 failed")
                .contains("requests: source LIST ");

        assertThat(spate(Map.of(), "convert", dir.resolve("in").toString(), "--to", "parquet,avro", "--out", output.toString(),
                "--workdir", dir.resolve("work").toString())).isZero();
        assertThat(out.toString()).contains("0 converted, 2 skipped (already converted), 0 failed");
    }

    @Test
    void aFileThatCannotBeReadFailsAloneAndTheExitCodeIsOne() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("good.csv"), "id\n1\n");
        byte[] whole = gzip("id\n2\n3\n");
        Files.write(in.resolve("cut.csv.gz"), Arrays.copyOf(whole, whole.length / 2));

        int exit = spate(Map.of(), "convert", in.toString(), "--to", "parquet", "--out", dir.resolve("out").toString(),
                "--workdir", dir.resolve("work").toString());

        assertThat(exit).as(out + "\n" + err).isEqualTo(1);
        assertThat(out.toString()).contains("1 converted, 0 skipped (already converted), 1 failed")
                .containsPattern("failed: \\S*cut\\.csv\\.gz: ");
        assertThat(dir.resolve("out/good.parquet")).exists();
        assertThat(dir.resolve("out/cut.parquet")).doesNotExist();
    }

    @Test
    void keysFromAnEventConvertsJustTheObjectsItNamesFromS3() throws Exception {
        Path event = dir.resolve("event.json");
        Files.writeString(event, """
                {"Records": [
                  {"eventVersion": "2.1", "eventSource": "aws:s3", "eventName": "ObjectCreated:Put",
                   "s3": {"bucket": {"name": "landing"}, "object": {"key": "in/orders-1.csv", "size": 25}}},
                  {"eventVersion": "2.1", "eventSource": "aws:s3", "eventName": "ObjectCreated:Put",
                   "s3": {"bucket": {"name": "landing"},
                          "object": {"key": "in/2026+11/commandes+%C3%A9t%C3%A9+%E2%82%AC.csv", "size": 16}}},
                  {"eventVersion": "2.1", "eventSource": "aws:s3", "eventName": "ObjectCreated:Put",
                   "s3": {"bucket": {"name": "elsewhere"}, "object": {"key": "in/orders-1.csv"}}}
                ]}""");

        int exit = spate(awsEnvironment(), "convert", "s3://landing/in/", "--to", "parquet,avro", "--out", "s3://lake/orders/",
                "--endpoint", s3.endpoint(), "--keys-from", event.toString(), "--workdir", dir.toString());

        assertThat(exit).as(out + "\n" + err).isZero();
        List<String> written = s3.client().listObjectsV2Paginator(r -> r.bucket("lake").prefix("orders/")).contents().stream()
                .map(S3Object::key).filter(key -> !key.contains("_spate_convert/")).sorted().toList();
        assertThat(written).containsExactly("orders/2026 11/commandes été €.avro", "orders/2026 11/commandes été €.parquet",
                "orders/orders-1.avro", "orders/orders-1.parquet");
        assertThat(err.toString()).contains("not under s3://landing/in/, not converted: s3://elsewhere/in/orders-1.csv");
        assertThat(out.toString()).contains("2 converted, 0 skipped (already converted), 0 failed")
                .doesNotContain(S3TestServer.SECRET_KEY);
        Path parquet = dir.resolve("orders-1.parquet");
        s3.client().getObject(r -> r.bucket("lake").key("orders/orders-1.parquet"), ResponseTransformer.toFile(parquet));
        assertThat(duckdb("select count(*), sum(amount) from read_parquet('" + parquet + "')")).containsExactly("2|4.00");

        assertThat(spate(awsEnvironment(), "convert", "s3://landing/in/", "--to", "parquet,avro", "--out", "s3://lake/orders/",
                "--endpoint", s3.endpoint(), "--keys-from", event.toString(), "--workdir", dir.toString())).isZero();
        assertThat(out.toString()).contains("0 converted, 2 skipped (already converted), 0 failed");
    }

    @Test
    void anEventNamingNothingUnderTheSourceConvertsNothing() throws IOException {
        Path event = dir.resolve("event.json");
        Files.writeString(event, """
                {"Records": [{"eventName": "ObjectRemoved:Delete",
                  "s3": {"bucket": {"name": "landing"}, "object": {"key": "in/orders-1.csv"}}}]}""");

        assertThat(spate(awsEnvironment(), "convert", "s3://landing/in/", "--to", "parquet", "--out", "s3://lake/none/",
                "--endpoint", s3.endpoint(), "--keys-from", event.toString())).isZero();
        assertThat(out.toString()).isEqualTo("nothing to convert: " + event + " names no created object under s3://landing/in/"
                + " (0 created, 1 other records)" + System.lineSeparator());
    }

    @Test
    void aMissingOutputIsAUsageError() {
        assertThat(spate(Map.of(), "convert", "in", "--to", "parquet")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--out=DEST_URI'");
    }
}
