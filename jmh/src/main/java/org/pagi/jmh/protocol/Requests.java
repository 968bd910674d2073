package org.pagi.jmh.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The request bytes the parser benchmarks feed: what a browser, a pipelining client and a streaming upload
 * send. Built once per trial; every benchmark reads them and never changes them.
 */
final class Requests {
    /** The body size of {@link #chunkedUpload}: the same 64 KiB the load test echoes. */
    static final int UPLOAD_BYTES = 64 * 1024;
    /** The chunk size of {@link #chunkedUpload}, a typical client write size (curl's and Go's buffers are 8–32 KiB). */
    static final int UPLOAD_CHUNK_BYTES = 8 * 1024;
    /** How many requests {@link #pipelinedGets} holds: wrk's pipelining examples and TechEmpower both use 16. */
    static final int PIPELINED = 16;

    private Requests() {
    }

    /** @return a GET of about 400 bytes as Firefox sends it for a page, cookie and all */
    static byte[] browserGet() {
        return ascii("GET /articles/pagi-for-java?ref=home HTTP/1.1\r\n"
                + "Host: localhost:8080\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
                + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
                + "Accept-Language: en-US,en;q=0.5\r\n"
                + "Accept-Encoding: gzip, deflate, br\r\n"
                + "Connection: keep-alive\r\n"
                + "Cookie: session=7f3c2a9e41b84d0c\r\n"
                + "Sec-Fetch-Dest: document\r\n"
                + "Sec-Fetch-Mode: navigate\r\n"
                + "\r\n");
    }

    /** @return {@value #PIPELINED} small GETs back to back, as one read from a pipelining client delivers them */
    static byte[] pipelinedGets() {
        byte[] one = ascii("GET /plaintext HTTP/1.1\r\nHost: localhost:8080\r\nAccept: */*\r\n\r\n");
        byte[] all = new byte[one.length * PIPELINED];
        for (int i = 0; i < PIPELINED; i++) {
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        return all;
    }

    /** @return a POST with a {@value #UPLOAD_BYTES}-byte body in chunks of {@value #UPLOAD_CHUNK_BYTES} bytes */
    static byte[] chunkedUpload() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(UPLOAD_BYTES + 1024);
        out.writeBytes(ascii("POST /echo HTTP/1.1\r\nHost: localhost:8080\r\n"
                + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n"));
        byte[] chunk = new byte[UPLOAD_CHUNK_BYTES];
        Arrays.fill(chunk, (byte) 'x');
        for (int sent = 0; sent < UPLOAD_BYTES; sent += UPLOAD_CHUNK_BYTES) {
            out.writeBytes(ascii(Integer.toHexString(UPLOAD_CHUNK_BYTES) + "\r\n"));
            out.writeBytes(chunk);
            out.writeBytes(ascii("\r\n"));
        }
        out.writeBytes(ascii("0\r\n\r\n"));
        return out.toByteArray();
    }

    /** @return the load test's echo request: a POST with a {@value #UPLOAD_BYTES}-byte body and a content-length */
    static byte[] echoUpload() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(UPLOAD_BYTES + 256);
        out.writeBytes(ascii("POST /echo HTTP/1.1\r\nHost: localhost:8080\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: " + UPLOAD_BYTES + "\r\n\r\n"));
        byte[] body = new byte[UPLOAD_BYTES];
        Arrays.fill(body, (byte) 'x');
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
