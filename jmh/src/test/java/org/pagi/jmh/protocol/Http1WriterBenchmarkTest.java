package org.pagi.jmh.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each writer benchmark sets up and encodes a whole response head. */
class Http1WriterBenchmarkTest {
    private final Http1WriterBenchmark benchmark = new Http1WriterBenchmark();

    @BeforeEach
    void setUp() {
        benchmark.setUp();
    }

    @Test
    void helloHeadEncodesTheHelloResponseHead() {
        assertEquals("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 16\r\n\r\n", text(benchmark.helloHead()));
    }

    @Test
    void typicalHeadEncodesEightHeaders() {
        String head = text(benchmark.typicalHead());
        assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
        assertTrue(head.endsWith("\r\n\r\n"), head);
        assertEquals(1 + 8 + 1, head.split("\r\n", -1).length - 1, head);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
