package org.pagi.wrappers.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Bytes;
import org.pagi.testing.http.Multipart;
import org.pagi.wrappers.parity.Driver.HttpCall;
import org.pagi.wrappers.parity.Driver.WsStep;

/**
 * The wrappers' "done when": {@link ParityApp} (http, WebSocket, SSE, both routers, Context handlers, lifespan and
 * background tasks, both handler modes) gives the same observations under the test client and under the real
 * server. What is normalised is listed on {@link Driver.HttpResult} and {@link Driver#COMPARED_HEADERS}; a
 * WebSocket denial is compared by its status only, as the JDK client does not expose the denial's body.
 */
@Timeout(60)
class ParityTest {

    @TempDir
    Path dir;

    @Test
    void everyScenarioGivesTheSameResultUnderTheTestClientAndTheRealServer() throws Exception {
        Path uploads = Files.createDirectory(dir.resolve("uploads"));
        Path files = Files.createDirectory(dir.resolve("files"));
        Files.writeString(files.resolve("data.txt"), "0123456789abcdef\n");
        List<Scenario> scenarios = new ArrayList<>(Scenario.forBothModes(ParityTest::http));
        scenarios.addAll(Scenario.forBothModes(ParityTest::websocketAndSse));
        scenarios.addAll(shared());
        scenarios.addAll(classBased());
        scenarios.addAll(contexts());

        List<List<String>> lifespans = Scenario.compareUnderBoth(uploads, files, scenarios);

        List<String> life = List.of("started",
                "stopped: [async-job saw hello from startup, blocking-job saw hello from startup]");
        assertEquals(List.of(life, life), lifespans, "lifespan hooks under the test client, then the server");
        assertEquals(List.of(), Scenario.left(uploads), "spilled uploads are deleted");
    }

    private static List<Scenario> http(String m) {
        String p = "/" + m;
        byte[] big = new byte[100 * 1024];
        big[0] = 7;
        Multipart upload = Multipart.builder().field("note", "two files").field("note", "second")
                .file("small", "a.txt", "text/plain", Bytes.utf8("tiny"))
                .file("big", "../../etc/big.bin", Bytes.of(big)).build();
        String future = "Fri, 01 Jan 2100 00:00:00 GMT";
        return List.of(
                http(m + " hello", "lang=en sid=abc", HttpCall.of("GET", p + "/hello/ann?lang=en")
                        .header("Cookie", "sid=abc")),
                http(m + " typed param", "\"id\":42", HttpCall.of("GET", p + "/items/42")),
                http(m + " typed param mismatch", "status=404", HttpCall.of("GET", p + "/items/x")),
                http(m + " json echo", "{\"echo\":{\"a\":[1,2],\"b\":\"é\"}}", HttpCall.of("POST", p + "/json")
                        .body(Bytes.utf8("{\"a\":[1,2],\"b\":\"é\"}"), "application/json")),
                http(m + " form", "\"b\":[\"x y\"]", HttpCall.of("POST", p + "/form")
                        .body(Bytes.utf8("a=1&a=2&b=x+y"), "application/x-www-form-urlencoded")),
                http(m + " multipart", "\"spilled\":true", HttpCall.of("POST", p + "/upload")
                        .body(upload.body(), upload.contentType())),
                http(m + " query", "\"count\":3", HttpCall.of("GET", p + "/query?a=1;a=%C3%A9&b")),
                http(m + " stream with trailers", "x-count=2", HttpCall.of("GET", p + "/stream")
                        .header("TE", "trailers")),
                http(m + " file", "0123456789abcdef", HttpCall.of("GET", p + "/file")),
                http(m + " file range", "status=206", HttpCall.of("GET", p + "/file").header("Range", "bytes=2-5")),
                http(m + " file ranges", "multipart/byteranges", HttpCall.of("GET", p + "/file")
                        .header("Range", "bytes=0-1,10-11")),
                http(m + " file range unsatisfiable", "bytes */17", HttpCall.of("GET", p + "/file")
                        .header("Range", "bytes=100-")),
                http(m + " file not modified", "status=304", HttpCall.of("GET", p + "/file")
                        .header("If-Modified-Since", future)),
                http(m + " file head", "content-length=17", HttpCall.of("HEAD", p + "/file")),
                http(m + " head via get", "content-length=", HttpCall.of("HEAD", p + "/hello/bo")),
                http(m + " redirect", "location=/" + m + "/hello/redirected", HttpCall.of("GET", p + "/redirect")),
                http(m + " method not allowed", "allow=GET, HEAD, OPTIONS", HttpCall.of("DELETE", p + "/hello/x")),
                http(m + " options", "status=204", HttpCall.of("OPTIONS", p + "/form")),
                http(m + " background task", "scheduled", HttpCall.of("POST", p + "/tasks/" + m + "-job")));
    }

    private static List<Scenario> websocketAndSse(String m) {
        List<WsStep> chat = List.of(new WsStep.Receive(), new WsStep.Send("hi"), new WsStep.Receive(),
                new WsStep.Send("{\"x\":[1,true]}"), new WsStep.Receive(), new WsStep.Send("{oops"),
                new WsStep.Receive(), new WsStep.Send("close 4001"), new WsStep.ExpectClose(4001));
        return List.of(
                new Scenario(m + " websocket chat", "close 4001 bye", d -> d.websocket("/ws/" + m, chat)),
                new Scenario(m + " websocket denied", "denied 403", d -> d.websocket("/ws/" + m + "?deny=1",
                        List.of())),
                new Scenario(m + " sse", "done|hello from startup|end",
                        d -> d.sse("/sse/" + m, Optional.empty())),
                new Scenario(m + " sse resumed", "[news|item 3\nsecond line|n3, news|item 4",
                        d -> d.sse("/sse/" + m, Optional.of("n2"))));
    }

    private static List<Scenario> shared() {
        return List.of(
                http("not found", "status=404", HttpCall.of("GET", "/nope")),
                http("background tasks ran", "[\"async-job saw hello from startup\",\"blocking-job saw",
                        HttpCall.of("GET", "/tasks/wait/2")),
                new Scenario("websocket not routed", "denied 404", d -> d.websocket("/ws/nope", List.of())),
                new Scenario("sse not routed", "status=404", d -> d.sse("/sse/nope", Optional.empty())));
    }

    /** The class-based router mounted at /class: routes, an HttpEndpoint, WebSocket and SSE endpoints. */
    private static List<Scenario> classBased() {
        String c = "/class";
        return List.of(
                http("class async route", "class hello bo (hello from startup)", HttpCall.of("GET", c + "/hello/bo")),
                http("class blocking route", "{\"echo\":[1]}", HttpCall.of("POST", c + "/json")
                        .body(Bytes.utf8("[1]"), "application/json")),
                http("class blocking route bad json", "status=400", HttpCall.of("POST", c + "/json")
                        .body(Bytes.utf8("[1"), "application/json")),
                http("class endpoint get", "[\"pen\",\"hello from startup\"]", HttpCall.of("GET", c + "/items")),
                http("class endpoint delete", "status=204", HttpCall.of("DELETE", c + "/items")),
                http("class endpoint 405", "allow=DELETE, GET, HEAD, OPTIONS", HttpCall.of("POST", c + "/items")),
                http("class endpoint options", "status=204", HttpCall.of("OPTIONS", c + "/items")),
                http("class endpoint head", "content-length=", HttpCall.of("HEAD", c + "/items")),
                new Scenario("class websocket async json", "close 1007", d -> d.websocket(c + "/ws/async", List.of(
                        new WsStep.Receive(), new WsStep.Send("{\"a\":1}"), new WsStep.Receive(),
                        new WsStep.Send("{oops"), new WsStep.ExpectClose(1007)))),
                new Scenario("class websocket blocking text", "close 4002 bye", d -> d.websocket(c + "/ws/blocking",
                        List.of(new WsStep.Receive(), new WsStep.Send("hi"), new WsStep.Receive(),
                                new WsStep.Send("close"), new WsStep.ExpectClose(4002)))),
                new Scenario("class sse async", "tick|async|t1", d -> d.sse(c + "/sse/async", Optional.empty())),
                new Scenario("class sse blocking", "tick|blocking|t1",
                        d -> d.sse(c + "/sse/blocking", Optional.empty())));
    }

    /** Context handlers at /ctx/{name}: http and SSE async, WebSocket blocking with event dispatch. */
    private static List<Scenario> contexts() {
        return List.of(
                http("context http", "ctx zed (hello from startup)", HttpCall.of("GET", "/ctx/zed")),
                new Scenario("context sse", "ctx|zed|c1", d -> d.sse("/ctx/zed", Optional.empty())),
                new Scenario("context websocket", "close 4003 bye", d -> d.websocket("/ctx/zed", List.of(
                        new WsStep.Receive(), new WsStep.Send("hi"), new WsStep.Receive(),
                        new WsStep.Send("close"), new WsStep.ExpectClose(4003)))));
    }

    private static Scenario http(String name, String expect, HttpCall call) {
        return new Scenario(name, expect, d -> d.http(call));
    }
}
