package org.pagi.examples.backpressure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.examples.support.Await;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.examples.support.LiveServerClient.Wire;
import org.pagi.examples.support.RawResponse;
import org.pagi.protocol.http1.ResponseReader;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;

/**
 * The backpressure-test example on a live server, read through a raw socket (one piece per chunk), in both
 * execution modes; and a client that stops reading, which must stop the application rather than fill memory.
 */
@Timeout(60)
class BackpressureLiveServerTest extends BackpressureChecks {
    private static final int STREAM_MIB = 16;

    @Override
    protected ExampleClient start(Application app) {
        return LiveServerClient.start(app, Wire.RAW_SOCKET, ExecutionMode.VIRTUAL_THREADS);
    }

    @Test
    void aClientThatDoesNotReadPausesTheStreamAndGetsEveryByteOnceItReads() throws Exception {
        StreamWatcher app = new StreamWatcher(new App(new StreamOptions(true, 4096, 10)));
        try (LiveServerClient client = LiveServerClient.start(app, Wire.RAW_SOCKET, ExecutionMode.VIRTUAL_THREADS);
                Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", client.server().port()), 5_000);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET /stream/" + STREAM_MIB + " HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));

            // nothing is read: the kernel's buffers fill, the server's buffer keeps what they refuse, and a send waits
            Await.until(app::isPaused, "the application waiting in send with bytes in the write buffer", app);
            long total = STREAM_MIB * (long) MIB;
            assertTrue(app.taken() < total / 2, "only what the buffers hold was taken: " + app.taken() + " bytes");
            assertFalse(app.returned().isDone(), "the application is still streaming");

            ResponseReader.Response response = RawResponse.read(socket);
            assertEquals(200, response.status());
            ByteArrayOutputStream body = new ByteArrayOutputStream((int) total);
            response.pieces().forEach(piece -> body.writeBytes(piece.toByteArray()));
            assertEquals(repeated(App.pattern(4096), (int) total), Bytes.of(body.toByteArray()));
            app.returned().get(10, TimeUnit.SECONDS);
            assertEquals(total, app.taken());
        }
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends BackpressureChecks {
        @Override
        protected ExampleClient start(Application app) {
            return LiveServerClient.start(app, Wire.RAW_SOCKET, ExecutionMode.EVENT_LOOP);
        }
    }
}
