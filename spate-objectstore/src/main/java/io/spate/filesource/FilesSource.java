package io.spate.filesource;

import java.util.Map;

/** {@code connector: files}: files of a local directory ({@code path:} or {@code uri: file:///...}). */
public final class FilesSource extends ObjectStoreSource {
    public FilesSource() {
        super(false, Map.of());
    }

    @Override
    public String name() {
        return "files";
    }
}
