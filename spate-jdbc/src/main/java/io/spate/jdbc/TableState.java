package io.spate.jdbc;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The position of one table, stored in the connector's state under {@code tables."schema.table"}.
 *
 * <ul>
 *   <li>{@code SNAPSHOT}: a (re)load in primary-key order is under way; {@code snapshot} says which chunks are
 *       done and where each unfinished chunk stopped. The destination table was truncated when it began.</li>
 *   <li>{@code INCREMENTAL}: the snapshot is done; the next read takes rows after {@code bookmark} in
 *       {@code (replication key, primary key)} order. Right after a snapshot the bookmark is the snapshot's
 *       high-water mark, inclusive: rows changed while the snapshot ran are read again, never missed.</li>
 *   <li>{@code COMPLETE}: a FULL reload finished; the next run reloads again.</li>
 * </ul>
 *
 * @param strategy the strategy the position belongs to
 * @param replicationKey the replication key the bookmark is in, for INCREMENTAL
 * @param phase where the table is
 * @param snapshot the progress of the snapshot, in phase SNAPSHOT
 * @param bookmark where incremental reads continue, in phase INCREMENTAL (empty: from the start)
 * @param filter the {@code filter} the position was reached under, in canonical form
 */
record TableState(Strategy strategy, Optional<String> replicationKey, Phase phase, Optional<Snapshot> snapshot,
        Optional<Bound> bookmark, Optional<String> filter) {

    /** Where a table is. */
    enum Phase { SNAPSHOT, INCREMENTAL, COMPLETE }

    TableState {
        requireNonNull(strategy, "strategy is null");
        requireNonNull(replicationKey, "replicationKey is null");
        requireNonNull(phase, "phase is null");
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(bookmark, "bookmark is null");
        requireNonNull(filter, "filter is null");
    }

    static TableState snapshotStarted(TablePlan plan, Snapshot snapshot) {
        return new TableState(plan.strategy(), plan.replicationKey(), Phase.SNAPSHOT, Optional.of(snapshot), Optional.empty(),
                plan.filter().map(RowFilter::text));
    }

    /** The state once every chunk of the snapshot is done. */
    TableState snapshotFinished() {
        if (strategy == Strategy.FULL) {
            return new TableState(strategy, replicationKey, Phase.COMPLETE, Optional.empty(), Optional.empty(), filter);
        }
        Optional<Bound> highWater = snapshot.flatMap(Snapshot::highWater).map(v -> Bound.from(List.of(v)));
        return new TableState(strategy, replicationKey, Phase.INCREMENTAL, Optional.empty(), highWater, filter);
    }

    TableState withBookmark(Bound position) {
        return new TableState(strategy, replicationKey, Phase.INCREMENTAL, Optional.empty(), Optional.of(position), filter);
    }

    TableState withSnapshot(Snapshot progress) {
        return new TableState(strategy, replicationKey, Phase.SNAPSHOT, Optional.of(progress), Optional.empty(), filter);
    }

    /** Whether this position can be continued under the plan (same strategy, replication key and filter). */
    boolean fits(TablePlan plan) {
        return strategy == plan.strategy() && replicationKey.equals(plan.replicationKey())
                && filter.equals(plan.filter().map(RowFilter::text));
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("strategy", strategy.name());
        replicationKey.ifPresent(rk -> map.put("replication_key", rk));
        filter.ifPresent(f -> map.put("filter", f));
        map.put("phase", phase.name().toLowerCase(Locale.ROOT));
        snapshot.ifPresent(s -> map.put("snapshot", s.toMap()));
        bookmark.ifPresent(b -> {
            Map<String, Object> mark = new LinkedHashMap<>();
            mark.put("value", b.values().get(0));
            mark.put("key", b.values().subList(1, b.values().size()));
            mark.put("inclusive", b.inclusive());
            map.put("bookmark", mark);
        });
        return map;
    }

    static TableState fromState(String table, State state) {
        try {
            Strategy strategy = Strategy.valueOf(state.getString("strategy").orElseThrow());
            Phase phase = Phase.valueOf(state.getString("phase").orElseThrow().toUpperCase(Locale.ROOT));
            Optional<Snapshot> snapshot = state.get("snapshot").map(s -> Snapshot.fromState(state.getState("snapshot")));
            Optional<Bound> bookmark = Optional.empty();
            if (state.get("bookmark").isPresent()) {
                State mark = state.getState("bookmark");
                List<String> values = new ArrayList<>();
                values.add(mark.getString("value").orElseThrow());
                values.addAll(strings(mark.get("key").orElse(List.of())));
                bookmark = Optional.of(new Bound(values, Boolean.TRUE.equals(mark.get("inclusive").orElse(false))));
            }
            return new TableState(strategy, state.getString("replication_key"), phase, snapshot, bookmark,
                    state.getString("filter"));
        } catch (RuntimeException e) {
            throw SpateException.data("the state of table " + table + " cannot be read (" + e + "): " + state.toJson()
                    + "; reset the state or set enable_complete_resync to reload the table");
        }
    }

    static List<String> strings(Object list) {
        if (!(list instanceof List<?> items)) {
            throw new IllegalArgumentException("expected a list, got " + list);
        }
        return items.stream().map(String::valueOf).toList();
    }

    /**
     * The progress of a snapshot.
     *
     * @param chunkEnds the last key of each chunk but the last (the last chunk has no end: it takes every row after)
     * @param completed the numbers of the chunks that are done
     * @param positions for chunks under way, the last key sent
     * @param highWater {@code max(replication key)} when the snapshot began, for INCREMENTAL
     */
    record Snapshot(List<List<String>> chunkEnds, List<Integer> completed, Map<Integer, List<String>> positions,
            Optional<String> highWater) {
        Snapshot {
            chunkEnds = chunkEnds.stream().map(List::copyOf).toList();
            completed = completed.stream().sorted().distinct().toList();
            positions = Map.copyOf(positions);
            requireNonNull(highWater, "highWater is null");
        }

        int chunkCount() {
            return chunkEnds.size() + 1;
        }

        Snapshot withPosition(int chunk, List<String> position) {
            Map<Integer, List<String>> more = new LinkedHashMap<>(positions);
            more.put(chunk, List.copyOf(position));
            return new Snapshot(chunkEnds, completed, more, highWater);
        }

        Snapshot withCompleted(int chunk) {
            List<Integer> done = new ArrayList<>(completed);
            done.add(chunk);
            Map<Integer, List<String>> rest = new LinkedHashMap<>(positions);
            rest.remove(chunk);
            return new Snapshot(chunkEnds, done, rest, highWater);
        }

        boolean isDone() {
            return completed.size() == chunkCount();
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            highWater.ifPresent(h -> map.put("high_water", h));
            map.put("chunk_ends", chunkEnds);
            map.put("completed_chunks", completed);
            Map<String, Object> at = new LinkedHashMap<>();
            positions.forEach((chunk, key) -> at.put(String.valueOf(chunk), key));
            map.put("chunk_positions", at);
            return map;
        }

        static Snapshot fromState(State state) {
            List<List<String>> ends = new ArrayList<>();
            for (Object end : (List<?>) state.get("chunk_ends").orElse(List.of())) {
                ends.add(strings(end));
            }
            List<Integer> completed = strings(state.get("completed_chunks").orElse(List.of())).stream()
                    .map(Integer::valueOf).toList();
            Map<Integer, List<String>> positions = new LinkedHashMap<>();
            state.getState("chunk_positions").asMap().forEach((chunk, key) -> positions.put(Integer.valueOf(chunk), strings(key)));
            return new Snapshot(ends, completed, positions, state.getString("high_water"));
        }
    }
}
