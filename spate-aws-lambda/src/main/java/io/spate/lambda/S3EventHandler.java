package io.spate.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spate.cli.RedactedLogging;
import io.spate.cli.Redactor;
import io.spate.cli.event.CreatedObject;
import io.spate.cli.event.S3EventNotification;
import io.spate.cli.pipeline.PipelineFile;
import io.spate.runtime.SyncResult;
import io.spate.sdk.SpateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS Lambda handler for S3 event notifications ({@code io.spate.lambda.S3EventHandler::handleRequest}):
 * handles just the objects an {@code ObjectCreated:*} event names, with the same pipeline file as the CLI.
 * It converts them for each conversion of the file's {@code convert:} section whose {@code from} covers
 * them (as {@code spate convert} would), and syncs them into the destinations of each pipeline whose
 * {@code s3} source covers them. The pipeline file is the
 * environment variable {@code SPATE_PIPELINE} (its YAML text) or, without it, the resource
 * {@code spate-pipeline.yaml} packaged in the jar; {@code ${VAR}} are interpolated from the environment.
 *
 * <p>Each object is handled on its own: one that fails (a poison object) is reported and the others go
 * on. When the event came through SQS, the failed objects' messages are returned as
 * {@code batchItemFailures} (a partial batch response) and the handler returns normally; when it came
 * straight from S3, the handler throws at the end, after handling every object, naming the failed ones,
 * so that Lambda retries the event. A retry, or a second delivery of the same event, is idempotent: a
 * conversion's marker and a pipeline's state record each object done with its ETag, and an unchanged
 * object is skipped.
 *
 * <p>Lambda creates one instance per execution environment and calls it for one event at a time.
 */
public final class S3EventHandler implements RequestStreamHandler {
    /** The environment variable holding the pipeline file's YAML. */
    public static final String PIPELINE_VARIABLE = "SPATE_PIPELINE";
    /** The resource read when the variable is not set. */
    public static final String PIPELINE_RESOURCE = "spate-pipeline.yaml";
    /** The environment variable naming the work directory (default {@code /tmp/spate}, Lambda's writable disk). */
    public static final String WORKDIR_VARIABLE = "SPATE_WORKDIR";
    static final String DEFAULT_WORKDIR = "/tmp/spate";

    private static final Logger LOG = LoggerFactory.getLogger(S3EventHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Redactor redactor = new Redactor();
    private final PrintWriter log;
    private final PipelineSyncs syncs;
    private final Conversions conversions;

    /** The constructor Lambda calls: the pipeline from this process's environment. */
    public S3EventHandler() {
        this(System.getenv(), System.err);
    }

    /**
     * @param environment where {@code SPATE_PIPELINE}, {@code SPATE_WORKDIR} and the pipeline's {@code ${VAR}} come from
     * @param logStream where log lines go (redacted)
     */
    public S3EventHandler(Map<String, String> environment, OutputStream logStream) {
        this.log = RedactedLogging.to(logStream, redactor);
        PipelineFile file = pipelineFile(environment);
        Path workDir = Path.of(environment.getOrDefault(WORKDIR_VARIABLE, DEFAULT_WORKDIR));
        this.syncs = new PipelineSyncs(file, workDir, redactor);
        this.conversions = new Conversions(file.converts(), environment, workDir);
        if (syncs.isEmpty() && conversions.isEmpty()) {
            LOG.warn("{} has no pipeline with an s3 source and no conversion: every event will be ignored", file.file());
        }
    }

    private static PipelineFile pipelineFile(Map<String, String> environment) {
        String yaml = environment.get(PIPELINE_VARIABLE);
        if (yaml != null && !yaml.isBlank()) {
            return PipelineFile.parse(Path.of("$" + PIPELINE_VARIABLE), yaml, environment);
        }
        try (InputStream resource = S3EventHandler.class.getClassLoader().getResourceAsStream(PIPELINE_RESOURCE)) {
            if (resource == null) {
                throw SpateException.config("no pipeline: set the environment variable " + PIPELINE_VARIABLE
                        + " to the pipeline file's YAML, or package it as the resource " + PIPELINE_RESOURCE);
            }
            return PipelineFile.parse(Path.of(PIPELINE_RESOURCE), new String(resource.readAllBytes(), StandardCharsets.UTF_8),
                    environment);
        } catch (IOException e) {
            throw new SpateException(SpateException.Category.CONFIG, "cannot read the resource " + PIPELINE_RESOURCE + ": " + e, e);
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        S3EventNotification event = S3EventNotification.parse(input, "the event");
        List<ObjectOutcome> outcomes = handle(event);
        output.write(redactor.redact(JSON.writeValueAsString(result(outcomes))).getBytes(StandardCharsets.UTF_8));
        output.flush();
        List<ObjectOutcome> failedDirectly = outcomes.stream()
                .filter(outcome -> outcome.failed() && outcome.object().messageId().isEmpty()).toList();
        log.flush();
        if (!failedDirectly.isEmpty()) {
            throw new SpateException(SpateException.Category.INTERNAL, redactor.redact(failedDirectly.size() + " of "
                    + outcomes.size() + " objects failed (the others are done; a retry skips them): "
                    + String.join("; ", failedDirectly.stream().map(o -> o.object().uri() + ": " + o.detail()).toList())));
        }
    }

    /** Handles every created object of the event, each on its own; returns what happened to each. */
    List<ObjectOutcome> handle(S3EventNotification event) {
        event.ignored().forEach(ignored -> LOG.info("ignored {} (not an ObjectCreated record)", ignored));
        Map<CreatedObject, List<ObjectOutcome>> byObject = new LinkedHashMap<>();
        event.created().forEach(object -> byObject.put(object, new ArrayList<>()));
        for (CreatedObject object : event.created()) {
            for (PipelineSyncs.Route route : syncs.routesOf(object)) {
                byObject.get(object).add(sync(route, object));
            }
        }
        for (ObjectOutcome converted : conversions.convert(event.created())) {
            log(converted);
            byObject.get(converted.object()).add(converted);
        }
        List<ObjectOutcome> outcomes = new ArrayList<>();
        byObject.forEach((object, handled) -> {
            if (handled.isEmpty()) {
                LOG.info("{}: no pipeline's source and no conversion covers it; ignored", object.uri());
                outcomes.add(new ObjectOutcome(object, ObjectOutcome.Status.IGNORED, Optional.empty(), 0,
                        "no pipeline's s3 source and no conversion covers it"));
            }
            outcomes.addAll(handled);
        });
        log.flush();
        return outcomes;
    }

    private static void log(ObjectOutcome outcome) {
        String name = outcome.pipeline().orElse("");
        if (outcome.failed()) {
            LOG.error("{}: conversion {} failed: {}", outcome.object().uri(), name, outcome.detail());
        } else {
            LOG.info("{}: conversion {}: {}", outcome.object().uri(), name, outcome.detail());
        }
    }

    private ObjectOutcome sync(PipelineSyncs.Route route, CreatedObject object) {
        Optional<String> pipeline = Optional.of(route.id());
        try {
            SyncResult result = syncs.sync(route, object);
            if (result.totalRows() == 0) {
                LOG.info("{}: pipeline {}: nothing new (already synced with this ETag, or empty)", object.uri(), route.id());
                return new ObjectOutcome(object, ObjectOutcome.Status.SKIPPED, pipeline, 0,
                        "nothing new: already synced with this ETag, or empty");
            }
            String tables = String.join(", ", result.tables().stream().map(table -> table.table()).toList());
            LOG.info("{}: pipeline {}: synced {} rows into {} ({})", object.uri(), route.id(), result.totalRows(),
                    route.pipeline().destinations().stream().map(block -> block.name()).toList(), tables);
            return new ObjectOutcome(object, ObjectOutcome.Status.SYNCED, pipeline, result.totalRows(),
                    "synced " + result.totalRows() + " rows into " + tables);
        } catch (RuntimeException e) {
            String reason = e instanceof SpateException ? e.getMessage() : e.toString();
            LOG.error("{}: pipeline {} failed: {}", object.uri(), route.id(), reason, e);
            return new ObjectOutcome(object, ObjectOutcome.Status.FAILED, pipeline, 0, reason);
        }
    }

    /**
     * The handler's answer: every object with its outcome, and {@code batchItemFailures} naming the SQS
     * messages of failed objects (Lambda retries only those when the event source mapping reports batch item
     * failures).
     */
    static ObjectNode result(List<ObjectOutcome> outcomes) {
        ObjectNode result = JSON.createObjectNode();
        ArrayNode objects = result.putArray("objects");
        Set<String> failedMessages = new LinkedHashSet<>();
        for (ObjectOutcome outcome : outcomes) {
            ObjectNode entry = objects.addObject();
            entry.put("bucket", outcome.object().bucket());
            entry.put("key", outcome.object().key());
            entry.put("status", outcome.status().name().toLowerCase(java.util.Locale.ROOT));
            outcome.pipeline().ifPresent(pipeline -> entry.put("pipeline", pipeline));
            entry.put("rows", outcome.rows());
            entry.put("detail", outcome.detail());
            if (outcome.failed()) {
                outcome.object().messageId().ifPresent(failedMessages::add);
            }
        }
        ArrayNode failures = result.putArray("batchItemFailures");
        failedMessages.forEach(id -> failures.addObject().put("itemIdentifier", id));
        return result;
    }
}
