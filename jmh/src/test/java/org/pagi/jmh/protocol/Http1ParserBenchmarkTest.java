package org.pagi.jmh.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;
import org.pagi.protocol.http1.ProtocolException;

/** Each parser benchmark sets up and parses exactly what it claims to, twice in a row (the parser is reused). */
class Http1ParserBenchmarkTest {
    private final Http1ParserBenchmark benchmark = new Http1ParserBenchmark();
    private final Blackhole bh = Blackholes.forTests();

    @BeforeEach
    void setUp() {
        benchmark.setUp();
    }

    @Test
    void browserGetIsAboutFourHundredBytes() {
        int length = Requests.browserGet().length;
        assertTrue(length >= 380 && length <= 420, "the browser GET is " + length + " bytes");
    }

    @Test
    void browserGetParsesOneRequestEachTime() throws ProtocolException {
        assertEquals(1, benchmark.browserGet(bh));
        assertEquals(1, benchmark.browserGet(bh));
    }

    @Test
    void browserGetNewConnectionParsesOneRequest() throws ProtocolException {
        assertEquals(1, benchmark.browserGetNewConnection(bh));
    }

    @Test
    void pipelinedGetsParsesSixteenRequestsEachTime() throws ProtocolException {
        assertEquals(Requests.PIPELINED, benchmark.pipelinedGets(bh));
        assertEquals(Requests.PIPELINED, benchmark.pipelinedGets(bh));
    }

    @Test
    void chunkedUploadParsesOneRequestForEveryReadSize() throws ProtocolException {
        for (int readBytes : new int[] {16_384, 1_048_576, 1000}) {
            Http1ParserBenchmark.Upload upload = new Http1ParserBenchmark.Upload();
            upload.readBytes = readBytes;
            upload.setUp();
            assertEquals(1, benchmark.chunkedUpload64k(upload, bh), "read size " + readBytes);
            assertEquals(1, benchmark.chunkedUpload64k(upload, bh), "read size " + readBytes + ", again");
        }
    }

    @Test
    void echoUploadParsesOneRequestForEveryReadSize() throws ProtocolException {
        for (int readBytes : new int[] {65_536, 131_072, 1000}) {
            Http1ParserBenchmark.DirectUpload upload = new Http1ParserBenchmark.DirectUpload();
            upload.readBytes = readBytes;
            upload.setUp();
            assertEquals(1, benchmark.echoUpload64k(upload, bh), "read size " + readBytes);
            assertEquals(1, benchmark.echoUpload64k(upload, bh), "read size " + readBytes + ", again");
        }
    }
}
