package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.middleware.Jwt.Algorithm;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;

/** What a real client sees: the Digest round trip, and a WebSocket handshake refused with 401 and its challenge. */
class AuthOverSocketTest {
    private static final ServerConfig CONFIG = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
            .shutdownGrace(Duration.ofSeconds(2)).build();

    @Test
    @Timeout(30)
    void aDigestChallengeIsAnsweredOverTheWire() throws Exception {
        AuthDigest digest = AuthDigest.builder().user("alice", "wonderland").build();
        try (PagiServer server = PagiServer.start(digest.wrap(WhoAmI.APP), CONFIG);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build()) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/private?x=1");
            HttpResponse<String> challenge = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, challenge.statusCode());
            List<String> offers = challenge.headers().allValues("www-authenticate");
            assertEquals(2, offers.size(), "one challenge per algorithm on the wire");
            String nonce = AuthDigest.params(offers.get(0).substring("Digest ".length())).orElseThrow().get("nonce");
            String ha1 = AuthDigest.hash("SHA-256", "alice:Restricted:wonderland");
            String ha2 = AuthDigest.hash("SHA-256", "GET:/private?x=1");
            String response = AuthDigest.hash("SHA-256", ha1 + ":" + nonce + ":00000001:abc:auth:" + ha2);
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Digest username=\"alice\", realm=\"Restricted\", nonce=\"" + nonce
                            + "\", uri=\"/private?x=1\", algorithm=SHA-256, qop=auth, nc=00000001, cnonce=\"abc\", "
                            + "response=\"" + response + "\"").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertEquals("hello digest:alice", ok.body());
        }
    }

    @Test
    @Timeout(30)
    void aWebSocketHandshakeWithoutATokenIsRefused401WithTheChallenge() throws Exception {
        AuthBearer bearer = AuthBearer.builder().jwt(JwtKeys.allThree().build()).build();
        try (PagiServer server = PagiServer.start(bearer.wrap(WhoAmI.APP), CONFIG);
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/socket");
            ExecutionException failed = assertThrows(ExecutionException.class, () -> client.newWebSocketBuilder()
                    .buildAsync(uri, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS));
            WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, failed.getCause());
            assertEquals(401, refused.getResponse().statusCode());
            assertEquals("Bearer realm=\"Bearer\"",
                    refused.getResponse().headers().firstValue("www-authenticate").orElseThrow());

            CompletableFuture<String> first = new CompletableFuture<>();
            WebSocket ws = client.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + Jwt.sign(Algorithm.RS256, JwtKeys.RSA.getPrivate(),
                            Map.of("sub", "dave")))
                    .buildAsync(uri, new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            first.complete(data.toString());
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            assertEquals("bearer:dave", first.get(10, TimeUnit.SECONDS));
            ws.abort();
            assertTrue(ws.isOutputClosed());
        }
    }
}
