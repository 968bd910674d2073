package org.pagi.wrappers.apps;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pagi.protocol.websocket.WebSocketCodec;
import org.pagi.protocol.websocket.WebSocketHandshake;
import org.pagi.protocol.websocket.WebSocketLimits;
import org.pagi.protocol.websocket.WsEvent;
import org.pagi.spec.Headers;
import org.pagi.spec.event.WebSocketMessage;

/**
 * A WebSocket client over a plain socket for the real-time apps' wire tests: the handshake as bytes, frames
 * through the server module's codec in the client role, and a receive buffer the test may shrink so that a
 * client that stops reading backs up the server quickly. Reads fail after 10 s instead of hanging.
 */
final class ChannelAppsSocketClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final WebSocketCodec codec = new WebSocketCodec(WebSocketCodec.Role.CLIENT,
            new WebSocketLimits(64L * 1024 * 1024), Optional.empty());
    private final byte[] buf = new byte[64 * 1024];

    private ChannelAppsSocketClient(Socket socket, byte[] early) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        codec.feed(ByteBuffer.wrap(early));
    }

    /**
     * Opens a WebSocket to {@code path} on 127.0.0.1.
     *
     * @param receiveBuffer the socket's receive buffer in bytes, set before connecting; 0 for the system's
     */
    static ChannelAppsSocketClient open(int port, String path, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        String key = WebSocketHandshake.newKey(new SecureRandom());
        s.getOutputStream().write(WebSocketHandshake.request("127.0.0.1:" + port, path, key, List.of(), false,
                Headers.empty()));
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                s.close();
                throw new IOException("the server closed during the handshake: " + head);
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String> fields = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            fields.add(lines[i].substring(0, colon).trim());
            fields.add(lines[i].substring(colon + 1).trim());
        }
        Optional<String> wrong = WebSocketHandshake.verifyResponse(status, Headers.of(fields.toArray(String[]::new)),
                key);
        if (wrong.isPresent()) {
            s.close();
            throw new IOException(wrong.get() + " in: " + head);
        }
        return new ChannelAppsSocketClient(s, new byte[0]);
    }

    void sendText(String text) throws IOException {
        write(codec.message(WebSocketMessage.text(text)));
    }

    private void write(ByteBuffer[] frames) throws IOException {
        WritableByteChannel channel = Channels.newChannel(out);
        for (ByteBuffer b : frames) {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
        out.flush();
    }

    /** @return the next message or the server's Close (pings are answered, pongs skipped) */
    WsEvent next() throws IOException {
        while (true) {
            WsEvent e = codec.next();
            switch (e) {
                case WsEvent.Message m -> {
                    return m;
                }
                case WsEvent.Close c -> {
                    return c;
                }
                case WsEvent.Failure f -> throw new IOException("bad frames from the server: " + f);
                case WsEvent.Ping p -> {
                    write(codec.pong(p.payload()));
                }
                case WsEvent.Pong p -> {
                }
                case WsEvent.NeedData n -> {
                    int read = in.read(buf);
                    if (read < 0) {
                        throw new IOException("the server closed the connection without a Close frame");
                    }
                    codec.feed(ByteBuffer.wrap(buf, 0, read));
                }
            }
        }
    }

    /** @return the next text message @throws IOException when something else comes */
    String nextText() throws IOException {
        WsEvent e = next();
        if (e instanceof WsEvent.Message m && m.message() instanceof WebSocketMessage.Text t) {
            return t.text();
        }
        throw new IOException("expected a text message, got " + e);
    }

    @Override
    public void close() throws IOException {
        codec.close();
        socket.close();
    }
}
