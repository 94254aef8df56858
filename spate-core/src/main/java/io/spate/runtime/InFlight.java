package io.spate.runtime;

/** Bytes of sealed batches not yet written by every destination; producers wait above the limit. */
final class InFlight {
    private final long limit;
    private long bytes;

    InFlight(long limit) {
        this.limit = limit;
    }

    /** Waits until there is room (a batch larger than the limit still goes when nothing else is in flight). */
    synchronized void acquire(long amount) {
        boolean interrupted = false;
        while (bytes > 0 && bytes + amount > limit) {
            try {
                wait(100);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        bytes += amount;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized void release(long amount) {
        bytes -= amount;
        notifyAll();
    }
}
