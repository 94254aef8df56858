package io.spate.http;

import io.spate.sdk.State;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where an unfinished run stands, as saved at each checkpoint under {@code "run"}. Together with the data
 * committed with it, it lets a resumed run neither lose nor repeat a record:
 *
 * @param since the incremental value every page of this run sends (fixed for the run, so pages agree)
 * @param max the largest incremental value among the records committed so far in this run
 * @param page the page being read
 * @param recordsDone records of that page already sent (committed with this state)
 * @param validator the ETag or Last-Modified of the body those records came from; a resumed run skips
 *     them only when the page answers with the same validator, else reads the page again from its first
 *     record (keyed rows overwrite themselves)
 */
record RunPosition(Optional<String> since, Optional<String> max, PagePosition page, long recordsDone, Optional<String> validator) {

    static RunPosition start(Optional<String> since) {
        return new RunPosition(since, Optional.empty(), PagePosition.FIRST, 0, Optional.empty());
    }

    RunPosition within(long records, Optional<String> bodyValidator, Optional<String> largest) {
        return new RunPosition(since, largest, page, records, bodyValidator);
    }

    RunPosition next(PagePosition nextPage, Optional<String> largest) {
        return new RunPosition(since, largest, nextPage, 0, Optional.empty());
    }

    State toState() {
        Map<String, Object> run = new LinkedHashMap<>();
        since.ifPresent(s -> run.put("since", s));
        max.ifPresent(m -> run.put("max", m));
        run.put("page", page.toDocument());
        run.put("records_done", recordsDone);
        validator.ifPresent(v -> run.put("validator", v));
        return State.empty().with("run", run);
    }

    static Optional<RunPosition> from(State state) {
        if (state.get("run").isEmpty()) {
            return Optional.empty();
        }
        State run = state.getState("run");
        return Optional.of(new RunPosition(run.getString("since"), run.getString("max"),
                PagePosition.fromDocument(run.getState("page")), run.getLong("records_done").orElse(0L),
                run.getString("validator")));
    }
}
