package io.spate.lake.convert;

/**
 * Requests made to an object store.
 *
 * @param lists LIST requests (pages)
 * @param gets GET requests (object reads)
 * @param puts objects written (PUT, or one multipart upload)
 * @param copies server-side copies
 * @param deletes DELETE requests
 */
public record RequestCounts(long lists, long gets, long puts, long copies, long deletes) {
    public static final RequestCounts NONE = new RequestCounts(0, 0, 0, 0, 0);

    public RequestCounts plus(RequestCounts other) {
        return new RequestCounts(lists + other.lists, gets + other.gets, puts + other.puts, copies + other.copies,
                deletes + other.deletes);
    }

    @Override
    public String toString() {
        return "LIST " + lists + ", GET " + gets + ", PUT " + puts + (copies > 0 ? ", COPY " + copies : "")
                + (deletes > 0 ? ", DELETE " + deletes : "");
    }
}
