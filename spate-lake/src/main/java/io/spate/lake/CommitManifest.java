package io.spate.lake;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import java.io.IOException;
import java.util.List;

/**
 * One commit of a lake destination, written as {@code _spate/<pipeline>/commits/<sequence>.json} under the
 * destination root. Writing it is the commit: once it exists, its files are published (renamed from their
 * staged keys) and its deletions made, by the commit itself or, after a crash, by the next run. Applying a
 * manifest twice does the same as once.
 *
 * @param sequence the checkpoint's sequence number
 * @param runId the run that wrote it
 * @param generation the run that started the current generation of files (replace mode)
 * @param generationDate the UTC date of {@code {date}} placeholders in this generation
 * @param committedAt when, ISO-8601 UTC
 * @param state the connector's state as JSON
 * @param files the files this commit publishes
 * @param deletes keys this commit deletes (replaced and truncated files, duplicates of a re-sent checkpoint)
 * @param superseded manifests of later sequences that an earlier checkpoint's re-commit makes void
 * @param replaceScopes the table prefixes this generation replaces (replace mode), so far: what the end of the
 *     generation cleans, also when the run that ends it is a resumed one that does not send those tables again
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CommitManifest(long sequence, String runId, String generation, String generationDate, String committedAt,
        JsonNode state, List<PublishedFile> files, List<String> deletes, List<String> superseded, List<String> replaceScopes) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public CommitManifest {
        requireNonNull(runId, "runId is null");
        requireNonNull(generation, "generation is null");
        requireNonNull(state, "state is null");
        files = List.copyOf(files);
        deletes = List.copyOf(deletes);
        superseded = List.copyOf(superseded);
        replaceScopes = replaceScopes == null ? List.of() : List.copyOf(replaceScopes);
    }

    /**
     * The end of a generation, written as {@code _spate/<pipeline>/complete/<generation>} when a run completes:
     * the next run starts a new generation. In replace mode it lists the table prefixes whose files of other
     * generations are deleted; the marker is written before those deletions and rewritten without them after,
     * so that a crash in between is finished by the next run's {@code loadState}.
     *
     * @param generation the generation that ended
     * @param replaceScopes table prefixes whose files of other generations are still to be deleted
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GenerationEnd(String generation, List<String> replaceScopes) {
        public GenerationEnd {
            requireNonNull(generation, "generation is null");
            replaceScopes = replaceScopes == null ? List.of() : List.copyOf(replaceScopes);
        }

        byte[] toBytes() {
            try {
                return JSON.writeValueAsBytes(this);
            } catch (IOException e) {
                throw new SpateException(SpateException.Category.INTERNAL, "cannot write a generation marker: " + e.getMessage(), e);
            }
        }

        /** A marker's content; an empty marker (written by earlier versions) ended its generation with nothing to delete. */
        static GenerationEnd parse(byte[] bytes, String generation, String where) {
            if (bytes.length == 0) {
                return new GenerationEnd(generation, List.of());
            }
            try {
                return JSON.readValue(bytes, GenerationEnd.class);
            } catch (IOException e) {
                throw new SpateException(SpateException.Category.DATA, "generation marker " + where + " is not readable: "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * A file a commit publishes.
     *
     * @param staged where it was written
     * @param key where it becomes visible
     * @param table the table's qualified name
     * @param rows rows in it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PublishedFile(String staged, String key, String table, long rows) {
    }

    public State connectorState() {
        return State.parse(state.toString());
    }

    static JsonNode stateNode(State state) {
        try {
            return JSON.readTree(state.toJson());
        } catch (IOException e) {
            throw new SpateException(SpateException.Category.INTERNAL, "state is not JSON: " + e.getMessage(), e);
        }
    }

    byte[] toBytes() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new SpateException(SpateException.Category.INTERNAL, "cannot write a commit manifest: " + e.getMessage(), e);
        }
    }

    static CommitManifest parse(byte[] bytes, String where) {
        try {
            return JSON.readValue(bytes, CommitManifest.class);
        } catch (IOException e) {
            throw new SpateException(SpateException.Category.DATA, "commit manifest " + where + " is not readable: "
                    + e.getMessage() + "; delete it only if you know the commit it describes never finished", e);
        }
    }
}
