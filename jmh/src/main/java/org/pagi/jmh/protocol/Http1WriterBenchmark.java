package org.pagi.jmh.protocol;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pagi.protocol.http1.Http1Writer;
import org.pagi.spec.Headers;

/**
 * How fast {@link Http1Writer#responseHead} encodes a status line and header section. The headers are built
 * once in setup, as an application's constant headers would be, so only the encoding is measured. JMH consumes
 * the returned array.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Http1WriterBenchmark {
    private Headers hello;
    private Headers typical;

    /** Builds the two header lists. */
    @Setup
    public void setUp() {
        hello = Headers.of("content-type", "text/plain", "content-length", "16");
        typical = Headers.of(
                "content-type", "text/html; charset=utf-8",
                "content-length", "5120",
                "date", "Tue, 15 Oct 2024 08:12:31 GMT",
                "server", "pagi",
                "cache-control", "no-cache, private",
                "vary", "Accept-Encoding",
                "x-request-id", "8d2f6c1e-52b1-4a43-9c1e-0f2b7e4a11d0",
                "set-cookie", "session=7f3c2a9e41b84d0c; Path=/; HttpOnly; SameSite=Lax");
    }

    /** The head of the load test's hello response: 200 with two headers. */
    @Benchmark
    public byte[] helloHead() {
        return Http1Writer.responseHead(200, hello);
    }

    /** A web page's head: 200 with eight headers, a cookie among them. */
    @Benchmark
    public byte[] typicalHead() {
        return Http1Writer.responseHead(200, typical);
    }
}
