package io.spate.format.compress;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;

/**
 * One file of an input: the whole (decompressed) file, or one member of a zip archive.
 *
 * @param name the file name to show and to detect the format by ({@code k.zip!/orders.csv} for a member)
 * @param stream the decompressed bytes; for an archive member valid only until the next member is asked for
 */
public record ArchiveMember(String name, InputStream stream) {
    public ArchiveMember {
        requireNonNull(name, "name is null");
        requireNonNull(stream, "stream is null");
    }
}
