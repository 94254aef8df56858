package io.spate.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3-protocol server for the benchmarks: S3Proxy over its filesystem store on 127.0.0.1, in its own JVM
 * so that it never counts in spate's memory. Every directory under {@code BASEDIR} is a bucket and every
 * file an object, so the generated files are served as they lie on disk, and the compared tools read the
 * very same files locally.
 *
 * <p>{@code S3Server PORT_FILE BASEDIR [BUCKET...]}: creates the buckets (directories) named, writes the
 * port to PORT_FILE once it accepts connections, and runs until stopped.
 */
public final class S3Server {
    public static final String ACCESS_KEY = "bench-access";
    public static final String SECRET_KEY = "bench-secret-key";

    private S3Server() {
    }

    public static void main(String[] args) throws Exception {
        Path basedir = Path.of(args[1]).toAbsolutePath();
        for (int i = 2; i < args.length; i++) {
            Files.createDirectories(basedir.resolve(args[i]));
        }
        S3Proxy proxy = S3Proxy.builder().blobStore(new FilesystemNio2BlobStore(basedir.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .maxSinglePartObjectSize(5L << 30).v4MaxNonChunkedRequestSize(1L << 30).build();
        proxy.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.stop();
            } catch (Exception e) {
                System.err.println("S3Proxy did not stop cleanly: " + e);
            }
        }));
        Servers.announce(Path.of(args[0]), proxy.getPort());
        Servers.awaitStop();
    }
}
