package io.spate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Checkpoint = commit, proven the hard way: runs a sync in child JVMs that print a line "checkpoint ..." after
 * each committed checkpoint and a line "done ..." when the sync completes, and kills the child with SIGKILL a
 * random short while after one of its first checkpoints, {@code kills} times, starting it again each time,
 * until a run completes. The random points are the same on every test run (a fixed seed).
 *
 * @param kills how many runs to kill before letting one complete
 * @param spareRuns how many runs beyond {@code kills} may be started before giving up
 * @param maxCheckpointsBeforeKill a killed run is killed after its 1st to this many-th checkpoint
 * @param maxKillDelayMillis how long after that checkpoint the kill comes: 0 to this (exclusive) ms
 */
public record KillAndResume(int kills, int spareRuns, int maxCheckpointsBeforeKill, int maxKillDelayMillis) {
    private static final long SEED = 20261121;

    /** Starts one run of the sync: {@code run} counts from 1. */
    @FunctionalInterface
    public interface SyncStarter {
        Process start(int run) throws IOException;
    }

    /** How the runs went: whether one completed and how many were killed before. */
    public record Outcome(boolean completed, int kills) {
    }

    /** Starts runs until one completes (or the runs are spent), killing the first {@link #kills} of them. */
    public Outcome drive(SyncStarter starter) throws IOException, InterruptedException {
        Random random = new Random(SEED);
        int killed = 0;
        boolean done = false;
        for (int run = 1; run <= kills + spareRuns && !done; run++) {
            Process sync = starter.start(run);
            boolean kill = killed < kills;
            int checkpointsBeforeKill = 1 + random.nextInt(maxCheckpointsBeforeKill);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(sync.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                int checkpoints = 0;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("done")) {
                        done = true;
                    } else if (line.startsWith("checkpoint") && kill && ++checkpoints == checkpointsBeforeKill) {
                        Thread.sleep(random.nextInt(maxKillDelayMillis));
                        sync.destroyForcibly();
                        killed++;
                        break;
                    }
                }
            }
            assertThat(sync.waitFor(120, TimeUnit.SECONDS)).as("sync process ends").isTrue();
        }
        return new Outcome(done, killed);
    }

    /**
     * Starts {@code main} in a child JVM of at most 512 MB heap with this JVM's class path; its standard output
     * is the process's input stream, its standard error is discarded and its standard input is empty.
     */
    public static Process startJvm(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }
}
