package io.spate.lambda;

import io.spate.cli.event.CreatedObject;
import io.spate.cli.event.KeySelection;
import io.spate.cli.event.S3EventNotification;
import io.spate.cli.pipeline.ConvertJob;
import io.spate.lake.convert.Convert;
import io.spate.lake.convert.ConvertReport;
import io.spate.sdk.SpateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conversions of a pipeline file's {@code convert:} section, run for the objects of an event: one
 * engine run per conversion, over the event's objects under its {@code from}. The engine converts each
 * file on its own (a failing one does not stop the others) and skips a file already converted from the
 * same ETag, which makes a second delivery of the event harmless.
 */
final class Conversions {
    private final List<ConvertJob> jobs;
    private final Map<String, String> environment;
    private final Path workDir;

    Conversions(List<ConvertJob> jobs, Map<String, String> environment, Path workDir) {
        this.jobs = List.copyOf(jobs);
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
        List<String> problems = new ArrayList<>();
        for (ConvertJob job : jobs) {
            try {
                KeySelection.of(job.from(), new S3EventNotification(List.of(), List.of()));
            } catch (SpateException e) {
                problems.add(job.location() + ": conversion " + job.name() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw SpateException.config(String.join("\n", problems));
        }
    }

    boolean isEmpty() {
        return jobs.isEmpty();
    }

    /** Converts the objects each conversion covers; objects no conversion covers get no outcome. */
    List<ObjectOutcome> convert(List<CreatedObject> objects) {
        List<ObjectOutcome> outcomes = new ArrayList<>();
        for (ConvertJob job : jobs) {
            KeySelection selection = KeySelection.of(job.from(), new S3EventNotification(objects, List.of()));
            if (selection.narrowedUri().isPresent()) {
                outcomes.addAll(convert(job, selection));
            }
        }
        return outcomes;
    }

    private List<ObjectOutcome> convert(ConvertJob job, KeySelection selection) {
        Optional<String> name = Optional.of(job.name());
        ConvertReport report;
        try {
            report = Convert.run(selection.narrowedUri().orElseThrow(), job.to(), job.out(), job.options(), environment,
                    workDir.resolve("convert").resolve(job.name()));
        } catch (RuntimeException e) {
            String reason = e instanceof SpateException ? e.getMessage() : e.toString();
            return selection.selected().stream()
                    .map(object -> new ObjectOutcome(object, ObjectOutcome.Status.FAILED, name, 0, reason)).toList();
        }
        Map<String, ObjectOutcome> byKey = new LinkedHashMap<>();
        for (CreatedObject object : selection.selected()) {
            byKey.put(object.key(), new ObjectOutcome(object, ObjectOutcome.Status.IGNORED, name, 0,
                    "not found under " + job.from() + " when listed (deleted since?)"));
        }
        for (ConvertReport.FileResult file : report.converted()) {
            byKey.computeIfPresent(file.source(), (key, outcome) -> new ObjectOutcome(outcome.object(), ObjectOutcome.Status.CONVERTED,
                    name, file.rows(), "converted " + file.rows() + " rows to " + String.join(", ", file.outputs())));
        }
        for (String skipped : report.skipped()) {
            byKey.computeIfPresent(skipped, (key, outcome) -> new ObjectOutcome(outcome.object(), ObjectOutcome.Status.SKIPPED,
                    name, 0, "already converted from this version (ETag)"));
        }
        for (ConvertReport.Failure failure : report.failures()) {
            byKey.computeIfPresent(failure.source(), (key, outcome) -> new ObjectOutcome(outcome.object(), ObjectOutcome.Status.FAILED,
                    name, 0, failure.reason()));
        }
        return List.copyOf(byKey.values());
    }
}
