package io.spate.duckdb;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Optional;
import org.duckdb.DuckDBWritableVector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the strings of one scanned column's vectors, reusing its buffers from vector to vector.
 *
 * <p>{@link DuckDBWritableVector#setStrings} encodes a vector's strings into a buffer of four bytes per
 * character, made anew on every call: a third of everything a JSON Lines sync allocated (4.1 of 12.2 GB for
 * 10.8 million rows), and so a third of its garbage collections. The driver keeps that buffer in a private
 * state object that its own public method does not let a caller keep; this class keeps one per column and
 * calls the private method with it. When the driver has no such method (another version), it falls back to
 * the public one.
 */
final class VectorStrings {
    private static final Logger LOG = LoggerFactory.getLogger(VectorStrings.class);
    private static final Optional<Access> ACCESS = Access.find();

    private final Object state;
    private String[] texts = new String[0];

    VectorStrings() {
        this.state = ACCESS.map(Access::newState).orElse(null);
    }

    /** Whether the driver's string buffers are reused (else every vector makes its own, through setStrings). */
    static boolean reusesDriverBuffers() {
        return ACCESS.isPresent();
    }

    /** An array of {@code count} entries to fill, reused by the next call. */
    String[] texts(int count) {
        if (texts.length != count) {
            texts = new String[count];
        }
        return texts;
    }

    /** Sets rows {@code 0..texts.length-1} of {@code vector} from {@code texts} (null: a NULL), then forgets them. */
    void set(DuckDBWritableVector vector, String[] texts) {
        if (state == null) {
            vector.setStrings(0, texts);
        } else {
            ACCESS.get().set(vector, texts, state);
        }
        Arrays.fill(texts, null);
    }

    /** The driver's private {@code setStringsWithState} and the constructor of its state. */
    private record Access(MethodHandle setWithState, MethodHandle stateConstructor) {
        static Optional<Access> find() {
            try {
                MethodHandles.Lookup driver = MethodHandles.privateLookupIn(DuckDBWritableVector.class, MethodHandles.lookup());
                Class<?> stateClass = Class.forName(DuckDBWritableVector.class.getName() + "$StringBatchState", false,
                        DuckDBWritableVector.class.getClassLoader());
                MethodHandle setWithState = driver.findVirtual(DuckDBWritableVector.class, "setStringsWithState",
                        MethodType.methodType(void.class, long.class, String[].class, stateClass));
                var constructor = stateClass.getDeclaredConstructor();
                constructor.setAccessible(true);
                MethodHandle stateConstructor = driver.unreflectConstructor(constructor);
                return Optional.of(new Access(setWithState.asType(MethodType.methodType(void.class,
                        DuckDBWritableVector.class, long.class, String[].class, Object.class)),
                        stateConstructor.asType(MethodType.methodType(Object.class))));
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.debug("the DuckDB driver's string buffers cannot be reused, strings are set with setStrings: {}", e.toString());
                return Optional.empty();
            }
        }

        Object newState() {
            try {
                return stateConstructor.invokeExact();
            } catch (Throwable e) {
                throw new IllegalStateException("making the DuckDB driver's string state failed", e);
            }
        }

        void set(DuckDBWritableVector vector, String[] texts, Object state) {
            try {
                setWithState.invokeExact(vector, 0L, texts, state);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("setting strings of a DuckDB vector failed", e);
            }
        }
    }
}
