package org.pagi.examples.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import org.pagi.protocol.http1.ProtocolException;
import org.pagi.protocol.http1.ResponseReader;

/** Reads a whole response to a GET from a socket a test wrote the request on itself, with the kit's parser. */
public final class RawResponse {
    private RawResponse() {
    }

    /** @return the response, its body one piece per chunk; fails the test on malformed HTTP */
    public static ResponseReader.Response read(Socket socket) {
        try {
            return new ResponseReader(ResponseReader.of(socket.getInputStream(), new byte[64 * 1024]))
                    .read("GET", false);
        } catch (ProtocolException e) {
            throw new AssertionError("the server sent malformed HTTP: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
