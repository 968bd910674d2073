package org.pagi.jmh.protocol;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.pagi.protocol.http1.Http1Event;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.protocol.http1.Http1Parser;
import org.pagi.protocol.http1.ProtocolException;

/**
 * How fast {@link Http1Parser} turns request bytes into events, and what it allocates doing so.
 *
 * <p>Each benchmark feeds bytes the way the transport does (one {@code feed} per socket read) and calls
 * {@code next()} until the parser needs data, moving past each finished message as a keep-alive connection
 * does. Every event goes to the {@link Blackhole}, so the JIT cannot drop the objects a real server would keep.
 * Each method returns how many messages it completed; the unit test checks that number, so a benchmark that
 * silently stops parsing what it claims to fails the build.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Http1ParserBenchmark {
    private byte[] browserGet;
    private byte[] pipelined;
    private Http1Parser keepAlive;

    /** The chunked upload and the read size it is fed with; only {@link #chunkedUpload64k} uses it. */
    @State(Scope.Thread)
    public static class Upload {
        /**
         * How many bytes one socket read hands the parser: 16 KiB is a typical read buffer (the JDK's own
         * httpserver reads 16 KiB at a time), 1 MiB means the whole request arrives in one read.
         */
        @Param({"16384", "1048576"})
        public int readBytes;

        byte[] bytes;
        Http1Parser parser;

        /** Builds the request and a parser reused across invocations, as on a keep-alive connection. */
        @Setup
        public void setUp() {
            bytes = Requests.chunkedUpload();
            parser = newParser();
        }
    }

    /** The echo request and the read size it is fed with, from a reused direct buffer; only {@link #echoUpload64k}. */
    @State(Scope.Thread)
    public static class DirectUpload {
        /**
         * How many bytes one socket read hands the parser: 64 KiB leaves the last bytes of the body for a second
         * read; 128 KiB, the server's read size, takes the head and the whole body at once.
         */
        @Param({"65536", "131072"})
        public int readBytes;

        byte[] bytes;
        ByteBuffer read;
        Http1Parser parser;

        /** Builds the request, the read buffer and a parser reused across invocations. */
        @Setup
        public void setUp() {
            bytes = Requests.echoUpload();
            read = ByteBuffer.allocateDirect(readBytes);
            parser = newParser();
        }
    }

    /** Builds the inputs and the parser that the keep-alive benchmarks reuse. */
    @Setup
    public void setUp() {
        browserGet = Requests.browserGet();
        pipelined = Requests.pipelinedGets();
        keepAlive = newParser();
    }

    /** A typical browser GET on a keep-alive connection: the parser is reused, as for the second request on. */
    @Benchmark
    public int browserGet(Blackhole bh) throws ProtocolException {
        keepAlive.feed(browserGet, 0, browserGet.length);
        return drain(keepAlive, bh);
    }

    /** The same GET as the first request of a new connection: the parser and its buffer are new. */
    @Benchmark
    public int browserGetNewConnection(Blackhole bh) throws ProtocolException {
        Http1Parser parser = newParser();
        parser.feed(browserGet, 0, browserGet.length);
        return drain(parser, bh);
    }

    /** Sixteen small GETs arriving in one read, parsed one after the other as the server answers them. */
    @Benchmark
    public int pipelinedGets(Blackhole bh) throws ProtocolException {
        keepAlive.feed(pipelined, 0, pipelined.length);
        return drain(keepAlive, bh);
    }

    /** A POST with a 64 KiB chunked body, fed one read at a time; the body is handed out, not kept. */
    @Benchmark
    public int chunkedUpload64k(Upload upload, Blackhole bh) throws ProtocolException {
        byte[] bytes = upload.bytes;
        int messages = 0;
        for (int pos = 0; pos < bytes.length; pos += upload.readBytes) {
            upload.parser.feed(bytes, pos, Math.min(upload.readBytes, bytes.length - pos));
            messages += drain(upload.parser, bh);
        }
        return messages;
    }

    /**
     * The load test's echo request (64 KiB, content-length) as the transport feeds it: each read lands in the same
     * direct buffer, which the parser must copy from, never keep.
     */
    @Benchmark
    public int echoUpload64k(DirectUpload upload, Blackhole bh) throws ProtocolException {
        byte[] bytes = upload.bytes;
        int messages = 0;
        for (int pos = 0; pos < bytes.length; pos += upload.readBytes) {
            int n = Math.min(upload.readBytes, bytes.length - pos);
            upload.read.clear();
            upload.read.put(bytes, pos, n).flip();
            upload.parser.feed(upload.read);
            messages += drain(upload.parser, bh);
        }
        return messages;
    }

    private static Http1Parser newParser() {
        return new Http1Parser(Http1Parser.Role.SERVER, Http1Limits.defaults());
    }

    /** Takes events until the parser needs data; a paused parser moves on to the next pipelined message. */
    private static int drain(Http1Parser parser, Blackhole bh) throws ProtocolException {
        int messages = 0;
        while (true) {
            Http1Event event = parser.next();
            switch (event) {
                case Http1Event.NeedData n -> {
                    return messages;
                }
                case Http1Event.Paused p -> {
                    messages++;
                    parser.nextMessage();
                }
                case Http1Event.Request r -> bh.consume(r);
                case Http1Event.Data d -> bh.consume(d);
                case Http1Event.EndOfMessage e -> bh.consume(e);
                case Http1Event.Response r -> throw new IllegalStateException("a server-role parser read a response");
                case Http1Event.ConnectionClosed c -> throw new IllegalStateException("no end of input was fed");
            }
        }
    }
}
