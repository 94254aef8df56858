package io.spate.storage;

import io.spate.storage.ObjectStore.ObjectOutput;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An object output that writes through to another stream; a subclass says what {@link #abort()} and
 * {@link #close()} do with it.
 */
public abstract class ForwardingObjectOutput extends ObjectOutput {
    /** Where the bytes go. */
    protected final OutputStream out;

    protected ForwardingObjectOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        out.write(buffer, offset, length);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
