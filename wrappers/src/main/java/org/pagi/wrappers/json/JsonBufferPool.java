package org.pagi.wrappers.json;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;

/**
 * Where Jackson gets its working buffers (about 20 KB per encoder or parser): per thread on a platform thread,
 * from a small process-wide pool on a virtual thread.
 *
 * <p>Jackson's default keeps the buffers per thread, which is free on a server's long-lived threads but useless
 * on a blocking handler's virtual thread: a new thread per request, so new buffers per request. A shared pool
 * serves those instead; a platform thread keeps the per-thread buffers, which need no lock and no allocation.
 */
final class JsonBufferPool implements RecyclerPool<BufferRecycler> {

    private static final long serialVersionUID = 1L;

    private static final RecyclerPool<BufferRecycler> PER_THREAD = JsonRecyclerPools.threadLocalPool();
    private static final RecyclerPool<BufferRecycler> SHARED = JsonRecyclerPools.sharedBoundedPool();

    static final JsonBufferPool INSTANCE = new JsonBufferPool();

    private JsonBufferPool() {
    }

    private static RecyclerPool<BufferRecycler> forThisThread() {
        return Thread.currentThread().isVirtual() ? SHARED : PER_THREAD;
    }

    @Override
    public BufferRecycler acquirePooled() {
        return forThisThread().acquirePooled();
    }

    /** Links the buffers to the pool they came from, so that they go back there whichever thread releases them. */
    @Override
    public BufferRecycler acquireAndLinkPooled() {
        return forThisThread().acquireAndLinkPooled();
    }

    @Override
    public void releasePooled(BufferRecycler pooled) {
        // Never reached for linked buffers (they return to their own pool); unlinked ones are simply dropped.
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
