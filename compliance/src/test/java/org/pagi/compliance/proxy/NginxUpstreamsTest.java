package org.pagi.compliance.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;

/**
 * The recommended nginx configuration with several instances in its upstream: Debian's nginx in front of two
 * in-process servers takes them in turn, and a request whose instance is gone, or dies before answering, is answered
 * by the other one when it is idempotent. Never skipped: without nginx it fails and says how to install it.
 */
@Timeout(60)
class NginxUpstreamsTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void eachInstanceIsOneServerLineOfTheUpstream() {
        String conf = NginxConfig.forRun(8080, List.of(5001, 5002, 5003), Path.of("/run/pagi"));
        assertTrue(conf.contains("""
                    upstream pagi {
                        server 127.0.0.1:5001 max_fails=1 fail_timeout=5s;
                        server 127.0.0.1:5002 max_fails=1 fail_timeout=5s;
                        server 127.0.0.1:5003 max_fails=1 fail_timeout=5s;
                        keepalive 32;\
                """), conf);
        assertFalse(conf.contains("server @UPSTREAM@"), conf);
        assertTrue(conf.contains("listen 127.0.0.1:8080;"), conf);
        assertTrue(conf.contains("proxy_next_upstream error timeout;"), conf);
        assertEquals(NginxConfig.forRun(8080, List.of(5001), Path.of("/run/pagi")),
                NginxConfig.forRun(8080, 5001, Path.of("/run/pagi")), "one instance is the single-server form");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> NginxConfig.forRun(8080, List.of(), Path.of("/run/pagi")));
        assertTrue(none.getMessage().contains("upstreams"), none.getMessage());
    }

    @Test
    void theDeployGuideShowsEveryRecommendedDirective() throws IOException {
        String guide = Files.readString(Path.of("..", "server-jdk", "docs", "deploy.md"));
        int from = guide.indexOf("```nginx\n");
        Set<String> shown = directives(guide.substring(from, guide.indexOf("```", from + 3)));
        List<String> missing = directives(NginxConfig.recommended()).stream()
                .filter(d -> !d.contains("@UPSTREAM@") && !d.contains("@LISTEN@") && !d.startsWith("server_name"))
                .filter(d -> !shown.contains(d)).toList();
        assertEquals(List.of(), missing, "server-jdk/docs/deploy.md lacks these lines of the tested configuration");
    }

    /** @return the configuration's lines without comments and indentation */
    private static Set<String> directives(String conf) {
        return conf.lines().map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Test
    void bothInstancesAnswerInTurnAndTheSurvivorAnswersEverythingOnceOneIsClosed() throws Exception {
        PagiServer a = start("a");
        try (PagiServer b = start("b");
                NginxProcess nginx = NginxProcess.start(List.of(a.port(), b.port()))) {
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(get(nginx, "/").body());
            }
            for (int i = 1; i < answers.size(); i++) {
                assertNotEquals(answers.get(i - 1), answers.get(i), "round robin: " + answers);
            }
            a.close();
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> res = get(nginx, "/after");
                assertEquals(200, res.statusCode(), res.body() + "\nnginx error log:\n" + nginx.errorLog());
                assertEquals("b", res.body());
            }
        } finally {
            a.close();
        }
    }

    @Test
    void aGetWhoseInstanceDiesBeforeAnsweringIsRetriedOnTheOtherAPostIsNot() throws Exception {
        try (DiesBeforeAnswering dying = new DiesBeforeAnswering(); PagiServer b = start("b");
                NginxProcess nginx = NginxProcess.start(List.of(dying.port(), b.port()))) {
            // Round robin: of two requests, one goes to the dying instance (then left out for fail_timeout).
            HttpResponse<String> first = get(nginx, "/1");
            HttpResponse<String> second = get(nginx, "/2");
            assertEquals(List.of(200, 200), List.of(first.statusCode(), second.statusCode()), nginx.errorLog());
            assertEquals(List.of("b", "b"), List.of(first.body(), second.body()));
            assertEquals(1, dying.requests(), "the dying instance was tried once, then the GET went to b");
        }
        try (DiesBeforeAnswering dying = new DiesBeforeAnswering(); PagiServer b = start("b");
                NginxProcess nginx = NginxProcess.start(List.of(dying.port(), b.port()))) {
            List<Integer> statuses = List.of(post(nginx).statusCode(), post(nginx).statusCode());
            assertEquals(1, dying.requests(), "one POST reached the dying instance");
            assertTrue(statuses.contains(502) && statuses.contains(200),
                    "that POST is not resent (it may have taken effect), the other is answered: " + statuses);
        }
    }

    private HttpResponse<String> get(NginxProcess nginx, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> post(NginxProcess nginx) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.port() + "/"))
                .timeout(Duration.ofSeconds(10)).POST(BodyPublishers.ofString("x")).build(), BodyHandlers.ofString());
    }

    /** A server whose every answer is its name, so the test sees which instance nginx chose. */
    private static PagiServer start(String name) throws IOException {
        return PagiServer.start((scope, receive, send) -> scope instanceof HttpScope
                        ? send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(name))))
                        : CompletableFuture.failedFuture(new UnsupportedScopeException(scope)),
                ServerConfig.builder().host("127.0.0.1").port(0).loops(1).accessLog(false)
                        .shutdownGrace(Duration.ofMillis(200)).build());
    }

    /** An instance that reads each request's head and closes the connection without a byte of answer. */
    private static final class DiesBeforeAnswering implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger requests = new AtomicInteger();
        private final Thread acceptor = Thread.ofVirtual().start(this::acceptAll);

        DiesBeforeAnswering() throws IOException {
        }

        int port() {
            return socket.getLocalPort();
        }

        int requests() {
            return requests.get();
        }

        private void acceptAll() {
            while (!socket.isClosed()) {
                try (Socket c = socket.accept()) {
                    c.setSoTimeout(5000);
                    if (readHead(c.getInputStream())) {
                        requests.incrementAndGet();
                    }
                } catch (IOException closedOrReset) {
                    // the listening socket closed at the end of the test, or nginx gave up on this connection
                }
            }
        }

        private static boolean readHead(InputStream in) throws IOException {
            int last4 = 0;
            for (int b = in.read(); b != -1; b = in.read()) {
                last4 = last4 << 8 | b;
                if (last4 == 0x0d0a0d0a) { // CRLF CRLF: the end of the head
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            socket.close();
            acceptor.join(Duration.ofSeconds(5));
        }
    }
}
