package org.pagi.jmh.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The wrapped, blocking and raw benchmarks answer the same request the same way, so the figures compare. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WrapperOverheadBenchmarkTest {
    private final WrapperOverheadBenchmark bench = new WrapperOverheadBenchmark();

    @Test
    void everyTextVariantAnswersTheGreetingWithItsHeaders() {
        for (Supplier<InMemoryExchange> variant : List.<Supplier<InMemoryExchange>>of(
                bench::rawText, bench::wrappedText, bench::blockingText)) {
            InMemoryExchange answer = variant.get();
            assertEquals(200, answer.status());
            assertEquals("hello world", answer.body().decode(StandardCharsets.UTF_8));
            assertEquals("text/plain; charset=utf-8", answer.headers().first("content-type").orElseThrow());
            assertEquals("req-42", answer.headers().first("x-request-id").orElseThrow());
            assertEquals("11", answer.headers().first("content-length").orElseThrow());
        }
    }

    @Test
    void everyJsonVariantAnswersTheSameDocument() {
        for (Supplier<InMemoryExchange> variant : List.<Supplier<InMemoryExchange>>of(
                bench::rawJson, bench::wrappedJson, bench::blockingJson)) {
            InMemoryExchange answer = variant.get();
            assertEquals(200, answer.status());
            assertEquals("{\"hello\":\"world\",\"id\":\"req-42\"}", answer.body().decode(StandardCharsets.UTF_8));
            assertEquals("application/json", answer.headers().first("content-type").orElseThrow());
        }
    }
}
