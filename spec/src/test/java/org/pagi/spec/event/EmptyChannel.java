package org.pagi.spec.event;

import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** A channel with no bytes, for events that only need to hold one. */
final class EmptyChannel implements SeekableByteChannel {
    private boolean open = true;

    @Override
    public int read(ByteBuffer dst) {
        return -1;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public long position() {
        return 0;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        return this;
    }

    @Override
    public long size() {
        return 0;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
