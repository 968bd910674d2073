package org.pagi.spec.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EventLoopThreadsTest {

    @Test
    void onlyTheMarkedThreadIsALoopNotThreadsItStarts() throws Exception {
        CompletableFuture<boolean[]> seen = new CompletableFuture<>();
        Thread loop = new Thread(() -> {
            boolean before = EventLoopThreads.isCurrent();
            EventLoopThreads.markCurrent();
            boolean after = EventLoopThreads.isCurrent();
            boolean[] child = new boolean[2];
            try {
                Thread v = Thread.ofVirtual().start(() -> child[0] = EventLoopThreads.isCurrent());
                Thread p = Thread.ofPlatform().start(() -> child[1] = EventLoopThreads.isCurrent());
                v.join();
                p.join();
                seen.complete(new boolean[] {before, after, child[0], child[1]});
            } catch (InterruptedException e) {
                seen.completeExceptionally(e);
            }
        });
        loop.start();
        boolean[] r = seen.get(5, TimeUnit.SECONDS);
        loop.join();
        assertFalse(r[0], "not a loop before marking");
        assertTrue(r[1], "a loop after marking");
        assertFalse(r[2], "a virtual thread started by the loop may block");
        assertFalse(r[3], "a platform thread started by the loop may block");
        assertFalse(EventLoopThreads.isCurrent(), "the test's thread was never marked");
    }
}
