package io.spate.lambda;

import io.spate.cli.Redactor;
import io.spate.cli.event.CreatedObject;
import io.spate.cli.pipeline.Block;
import io.spate.cli.pipeline.Pipeline;
import io.spate.cli.pipeline.PipelineFile;
import io.spate.destination.Destination;
import io.spate.destination.DestinationProvider;
import io.spate.runtime.Connectors;
import io.spate.runtime.Destinations;
import io.spate.runtime.Sync;
import io.spate.runtime.SyncResult;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.SpateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The pipelines of a pipeline file whose source is an {@code s3} source, each able to sync one object of
 * its source into its destinations. Every block is validated once, when the handler starts, so a bad
 * pipeline file fails the function's initialisation rather than every event.
 */
final class PipelineSyncs {
    static final String S3_CONNECTOR = "s3";
    private static final Set<String> DESTINATION_KEYS = Set.of("connector");

    /** A pipeline that reads from S3, with what it covers. */
    record Route(Pipeline pipeline, SourceScope scope) {
        String id() {
            return pipeline.id();
        }
    }

    private final List<Route> routes;
    private final Path workDir;

    PipelineSyncs(PipelineFile file, Path workDir, Redactor redactor) {
        this.workDir = workDir;
        redactor.addAll(file.secretValues());
        List<String> problems = new ArrayList<>();
        List<Route> found = new ArrayList<>();
        Map<String, Block> destinations = new LinkedHashMap<>();
        for (Pipeline pipeline : file.pipelines()) {
            Block source = pipeline.source();
            try {
                Connector connector = Connectors.find(source.connector());
                redactor.addAll(source.configuration().secretValues(connector.options()));
                Connectors.validate(connector, source.configuration());
                if (S3_CONNECTOR.equals(connector.name())) {
                    SourceScope.of(source.configuration()).ifPresent(scope -> found.add(new Route(pipeline, scope)));
                }
            } catch (SpateException e) {
                problems.add(source.location() + ": source " + source.name() + ": " + e.getMessage());
            }
            pipeline.destinations().forEach(block -> destinations.putIfAbsent(block.name(), block));
        }
        for (Block block : destinations.values()) {
            try {
                DestinationProvider provider = Destinations.find(block.connector());
                redactor.addAll(block.configuration().secretValues(provider.options()));
                block.configuration().validate(provider.options(), DESTINATION_KEYS);
            } catch (SpateException e) {
                problems.add(block.location() + ": destination " + block.name() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw SpateException.config(String.join("\n", problems));
        }
        this.routes = List.copyOf(found);
    }

    /** The pipelines whose source covers the object. */
    List<Route> routesOf(CreatedObject object) {
        return routes.stream().filter(route -> route.scope().relativeKey(object).isPresent()).toList();
    }

    boolean isEmpty() {
        return routes.isEmpty();
    }

    /**
     * Syncs one object into the pipeline's destinations, as an incremental run of the pipeline whose source
     * lists that object alone: the source's ledger (the pipeline's state) skips an object it has already
     * read with the same ETag, so a second delivery of the event changes nothing.
     */
    SyncResult sync(Route route, CreatedObject object) {
        Block source = route.pipeline().source();
        Configuration narrowed = route.scope().narrowedTo(source.configuration(), object)
                .orElseThrow(() -> new IllegalArgumentException(object.uri() + " is not under source " + source.name()));
        Connector connector = Connectors.find(source.connector());
        String runId = UUID.randomUUID().toString();
        Map<String, Destination> opened = new LinkedHashMap<>();
        try {
            for (Block block : route.pipeline().destinations()) {
                DestinationProvider provider = Destinations.find(block.connector());
                opened.put(block.name(), provider.open(block.configuration(), new DestinationProvider.Context(workDir, runId, block.name())));
            }
        } catch (RuntimeException e) {
            closeQuietlyAfter(opened.values(), e);
            throw e;
        }
        Sync.Builder sync = Sync.builder().pipelineId(route.id()).connector(connector).configuration(narrowed);
        opened.forEach(sync::destination);
        // the sync closes the destinations, whatever happens
        return sync.build().run();
    }

    private static void closeQuietlyAfter(Iterable<Destination> destinations, RuntimeException failure) {
        for (Destination destination : destinations) {
            try {
                destination.close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

}
