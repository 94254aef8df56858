package io.spate.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Generated {@code orders} CSV bodies: notes with commas, quotes and embedded newlines. */
final class Orders {
    static final String HEADER = "id,customer,amount,updated_at,note\n";
    static final long EPOCH = 1_704_067_200L;

    private Orders() {
    }

    /** Rows {@code from..to} inclusive, with a header. */
    static String csv(long from, long to) {
        StringBuilder out = new StringBuilder(HEADER);
        for (long id = from; id <= to; id++) {
            out.append(row(id));
        }
        return out.toString();
    }

    static byte[] bytes(long from, long to) {
        return csv(from, to).getBytes(StandardCharsets.UTF_8);
    }

    static String row(long id) {
        String note = id % 7 == 0 ? "\"says \"\"hi\"\", then\nleaves\"" : "plain " + id;
        return id + ",customer-" + (id % 97) + "," + amount(id) + "," + updatedAt(id) + "," + note + "\n";
    }

    static String amount(long id) {
        return (id % 1000) + "." + String.format("%02d", id % 100);
    }

    static String updatedAt(long id) {
        return Instant.ofEpochSecond(EPOCH + id * 60).toString();
    }
}
