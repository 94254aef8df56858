package io.spate.lake.convert;

import static java.util.Objects.requireNonNull;

import io.spate.format.FormatOptions;
import io.spate.format.OnError;
import io.spate.lake.LakeFormat;
import io.spate.sdk.SpateException;
import io.spate.storage.Glob;
import io.spate.storage.ObjectStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What to convert.
 *
 * @param source where the input files are
 * @param sourcePrefix the prefix under which every matching file is converted; its rest is the relative path
 * @param glob relative paths must match it (all files when empty)
 * @param destination where outputs go
 * @param destinationPrefix outputs are written under it at the same relative paths
 * @param formats the outputs of each file, one per format
 * @param input how input files are read (format, compression, delimiter, header, sampling, ...)
 * @param onError what a bad record does: fail the file, skip it, or skip and keep it in a rejects file
 * @param parallelism files converted at once
 * @param tempDirectory local scratch space (Parquet encoding spills there)
 * @param batchRows rows per batch handed to the format writers
 */
public record ConvertRequest(ObjectStore source, String sourcePrefix, Optional<Glob> glob, ObjectStore destination,
        String destinationPrefix, List<LakeFormat> formats, FormatOptions input, OnError onError, int parallelism,
        Path tempDirectory, int batchRows) {

    public static final int DEFAULT_BATCH_ROWS = 32_768;

    public ConvertRequest {
        requireNonNull(source, "source is null");
        requireNonNull(sourcePrefix, "sourcePrefix is null");
        requireNonNull(glob, "glob is null");
        requireNonNull(destination, "destination is null");
        requireNonNull(destinationPrefix, "destinationPrefix is null");
        formats = List.copyOf(formats);
        requireNonNull(input, "input is null");
        requireNonNull(onError, "onError is null");
        requireNonNull(tempDirectory, "tempDirectory is null");
        if (formats.isEmpty()) {
            throw SpateException.config("convert needs at least one output format (--to parquet,avro)");
        }
        if (formats.stream().map(LakeFormat::format).distinct().count() != formats.size()) {
            throw SpateException.config("an output format is given twice in " + formats.stream().map(f -> f.format().optionName()).toList());
        }
        if (parallelism < 1 || parallelism > 64) {
            throw SpateException.config("parallelism must be 1..64, got " + parallelism);
        }
        if (batchRows < 1) {
            throw SpateException.config("batch rows must be positive, got " + batchRows);
        }
    }
}
