package org.pagi.wrappers.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.core.util.BufferRecycler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Bytes;

/** Jackson's working buffers: shared between virtual threads, kept per thread on a platform thread. */
@Timeout(30)
class JsonBufferPoolTest {

    private static BufferRecycler onNewVirtualThread(boolean release) throws InterruptedException {
        AtomicReference<BufferRecycler> got = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            BufferRecycler recycler = JsonBufferPool.INSTANCE.acquireAndLinkPooled();
            got.set(recycler);
            if (release) {
                recycler.releaseToPool();
            }
        }).join();
        return got.get();
    }

    @Test
    void aNewVirtualThreadGetsTheBuffersAnEarlierOneReleased() throws Exception {
        BufferRecycler first = onNewVirtualThread(true);
        assertSame(first, onNewVirtualThread(true));
    }

    @Test
    void aPlatformThreadKeepsItsOwnBuffers() {
        BufferRecycler first = JsonBufferPool.INSTANCE.acquireAndLinkPooled();
        first.releaseToPool();
        assertSame(first, JsonBufferPool.INSTANCE.acquireAndLinkPooled());
    }

    @Test
    void encodingOnManyVirtualThreadsStaysCorrect() throws Exception {
        CompletableFuture<?>[] all = new CompletableFuture<?>[50];
        for (int i = 0; i < all.length; i++) {
            int n = i;
            CompletableFuture<String> one = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> one.complete(Json.encode(java.util.Map.of("n", n)).utf8()));
            all[i] = one.thenAccept(text -> assertEquals("{\"n\":" + n + "}", text));
        }
        CompletableFuture.allOf(all).join();
        assertEquals(Bytes.utf8("[1,2]"), Json.encode(java.util.List.of(1, 2)));
    }
}
