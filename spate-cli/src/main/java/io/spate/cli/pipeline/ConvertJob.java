package io.spate.cli.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A conversion declared in a pipeline file's {@code convert:} section: what {@code spate convert FROM --to
 * TO --out OUT} does, with the other keys as the engine's options. The Lambda handler runs these for the
 * objects an S3 event names.
 *
 * <pre>{@code
 * convert:
 *   orders_to_lake:
 *     from: s3://landing/in/          # SRC_URI
 *     to: [parquet, avro]             # output formats
 *     out: s3://lake/orders/          # DEST_URI
 *     on_error: quarantine            # any other key: an option of the convert engine
 * }</pre>
 *
 * @param name the job's name in the file
 * @param from the source URI
 * @param to the output formats
 * @param out the destination URI
 * @param options the other keys, interpolated
 * @param location where the job starts in the file
 */
public record ConvertJob(String name, String from, List<String> to, String out, Map<String, Object> options, Location location) {
    public ConvertJob {
        requireNonNull(name, "name is null");
        requireNonNull(from, "from is null");
        to = List.copyOf(to);
        requireNonNull(out, "out is null");
        options = Map.copyOf(options);
        requireNonNull(location, "location is null");
    }
}
