package io.spate.filesource;

import io.spate.destination.Destination;
import io.spate.runtime.Sync;
import io.spate.runtime.SyncResult;
import io.spate.s3.FaultProxy;
import io.spate.s3.S3TestServer;
import io.spate.sdk.Configuration;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bucket on S3Proxy reached through a {@link FaultProxy}, which records (and can break) every request, and
 * syncs of it through the s3 source.
 */
final class ProxiedBucket implements AutoCloseable {
    private final String name;
    private final S3TestServer server;
    private final FaultProxy proxy;

    private ProxiedBucket(String name, S3TestServer server, FaultProxy proxy) {
        this.name = name;
        this.server = server;
        this.proxy = proxy;
    }

    /** Starts S3Proxy and the proxy in front of it, and creates the (empty) bucket. */
    static ProxiedBucket start(String name) throws Exception {
        S3TestServer server = new S3TestServer();
        FaultProxy proxy = new FaultProxy(server.port());
        server.createBucket(name);
        return new ProxiedBucket(name, server, proxy);
    }

    /** The S3 server itself, to put and delete objects without going through the proxy. */
    S3TestServer server() {
        return server;
    }

    /** The proxy the syncs go through. */
    FaultProxy proxy() {
        return proxy;
    }

    /** The s3 source's options to read {@code s3://BUCKET/PREFIX} through the proxy; the caller adds its own. */
    Map<String, Object> options(String prefix) {
        Map<String, Object> options = new LinkedHashMap<>(server.connection(proxy.endpoint()));
        options.put("uri", "s3://" + name + "/" + prefix);
        return options;
    }

    /** Puts {@code keysAndValues} (key, value, key, value...) into {@code options}. */
    static void putPairs(Map<String, Object> options, Object... keysAndValues) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            options.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
    }

    /** Runs the s3 source with these options into the destination, named "memory". */
    static SyncResult sync(String pipelineId, Map<String, Object> options, Destination destination) {
        return Sync.builder().pipelineId(pipelineId).connector(new S3Source(Map.of())).configuration(Configuration.of(options))
                .destination("memory", destination).build().run();
    }

    @Override
    public void close() throws IOException {
        proxy.close();
        server.close();
    }
}
