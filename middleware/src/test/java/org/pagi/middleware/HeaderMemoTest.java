package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeaderMemoTest {

    @Test
    void aValueIsComputedOnceWhileThereIsRoom() {
        AtomicInteger calls = new AtomicInteger();
        HeaderMemo<Integer> memo = new HeaderMemo<>(2, v -> {
            calls.incrementAndGet();
            return v.length();
        });
        assertEquals(4, memo.get("gzip"));
        assertEquals(4, memo.get("gzip"));
        assertEquals(1, calls.get());
    }

    @Test
    void pastItsCapacityItComputesEveryTimeAndStillAnswersRight() {
        AtomicInteger calls = new AtomicInteger();
        HeaderMemo<Integer> memo = new HeaderMemo<>(2, v -> {
            calls.incrementAndGet();
            return v.length();
        });
        memo.get("a");
        memo.get("bb");
        for (int i = 0; i < 100; i++) {
            assertEquals(3 + i, memo.get("c".repeat(3 + i)), "a client's endless new values are answered");
        }
        assertEquals(102, calls.get(), "none of them was remembered");
        memo.get("a");
        memo.get("bb");
        assertEquals(102, calls.get(), "the first two still are");
    }
}
