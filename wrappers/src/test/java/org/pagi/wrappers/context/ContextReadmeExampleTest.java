package org.pagi.wrappers.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.event.ExtensionEvent;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.sse.ServerEvent;

/** The examples of the Context section of wrappers/README.md: checked to be in the README, then run. */
@Timeout(20)
class ContextReadmeExampleTest {

    final BlockingQueue<String> logged = new LinkedBlockingQueue<>();

    void log(String line) {
        logged.add(line);
    }

    void audit(String path) {
        logged.add("audit " + path);
    }

    /** The async example; {@link ContextRealServerTest} serves it over sockets. */
    Application asyncApp() {
        // --- README example starts
        Application app = (scope, receive, send) -> switch (Context.of(scope, receive, send)) {
            case HttpContext http -> http.afterResponse("audit", () -> audit(http.path()))   // after the response
                    .respond(Response.text("hello " + http.queryParam("name").orElse("world")));
            case WebSocketContext ws -> ws.accept()
                    .thenCompose(v -> ws
                            .on("websocket.receive",
                                    e -> ws.sendText("echo: " + ((WebSocketReceive) e).text().orElse("")))
                            .on("chat.message", e -> ws.sendJson(((ExtensionEvent) e).fields()))  // from a middleware
                            .onError((error, source) -> log(source + ": " + error))
                            .run())                                     // until websocket.disconnect or stop()
                    .thenAccept(end -> log("websocket ended: " + end));
            case SseContext sse -> sse.start()
                    .thenCompose(v -> sse.send(ServerEvent.named("hello", sse.queryParam("name").orElse("world"))))
                    .thenCompose(v -> sse.on("chat.message", e -> sse.sendJson(((ExtensionEvent) e).fields())).run())
                    .thenAccept(end -> log("sse ended: " + end));
        };
        // --- README example ends
        return app;
    }

    /** @return the next line logged, failing the test after 10 s */
    String next() throws InterruptedException {
        String line = logged.poll(10, TimeUnit.SECONDS);
        assertTrue(line != null, "nothing logged within 10 s");
        return line;
    }

    @Test
    void asyncMode() throws Exception {
        assertInReadme("asyncApp");
        Injector channel = new Injector();
        TestClient client = TestClient.of(channel.around(asyncApp()));
        assertEquals("hello ann", client.get("/greet").query("name", "ann").send().text());
        assertEquals("audit /greet", next());
        try (WebSocketSession ws = client.websocket("/chat").connect()) {
            assertEquals("echo: hi", ws.sendText("hi").receiveText());
            channel.inject("chat.message", Map.of("from", "bob", "text", "yo"));
            assertEquals(Map.of("from", "bob", "text", "yo"), ws.receiveJson(Map.class));
        }
        assertEquals("websocket ended: DISCONNECT", next());
        SseStream sse = client.sse("/events").open();
        assertEquals(SseMessage.of("hello", "world"), sse.next());
        channel.inject("chat.message", Map.of("text", "to all"));
        assertEquals(SseMessage.of("{\"text\":\"to all\"}"), sse.next());
        sse.disconnect();
        assertEquals("sse ended: DISCONNECT", next());
    }

    @Test
    void blockingMode() throws Exception {
        // --- README example starts
        Application echo = Blocking.app((scope, receive, send) -> {
            BlockingWebSocketContext ws = Context.of(scope, receive, send).asWebSocket().blocking();
            ws.accept();
            RunEnd end = ws.on("websocket.receive", e -> ws.sendText(((WebSocketReceive) e).text().orElse("")))
                    .on("websocket.disconnect", e -> log("closed with " + ws.context().closeCode().orElse(0)))
                    .run();                                   // on this virtual thread; handlers may block
            log("ended: " + end);
        });
        // --- README example ends
        assertInReadme("blockingMode");
        try (WebSocketSession ws = TestClient.of(echo).websocket("/echo").connect()) {
            assertEquals("same", ws.sendText("same").receiveText());
            ws.close(4000, "bye");
        }
        assertEquals(List.of("closed with 4000", "ended: DISCONNECT"), List.of(next(), next()));
    }

    /** The example between the markers of {@code method} appears in the README, indentation aside. */
    private static void assertInReadme(String method) throws IOException {
        String source = Files.readString(
                Path.of("src/test/java/org/pagi/wrappers/context/ContextReadmeExampleTest.java"));
        String body = source.substring(source.indexOf(method + "() {") + method.length());
        String example = body.substring(body.indexOf("// --- README example starts") + 28,
                body.indexOf("        // --- README example ends"));
        String readme = strip(Files.readString(Path.of("README.md")));
        assertTrue(readme.contains(strip(example)), "README.md lacks the " + method + " example");
    }

    private static String strip(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
