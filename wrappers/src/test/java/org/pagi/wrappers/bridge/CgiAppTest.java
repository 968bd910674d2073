package org.pagi.wrappers.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.wrappers.bridge.CgiScripts.awaitGone;
import static org.pagi.wrappers.bridge.CgiScripts.pid;
import static org.pagi.wrappers.bridge.CgiScripts.script;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Bytes;
import org.pagi.spec.Endpoint;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.PagiInfo;
import org.pagi.spec.State;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

/** {@link CgiApp} with real {@code /bin/sh} scripts, through the in-process test client. */
@Timeout(60)
class CgiAppTest {
    /**
     * The timeout of the scripts that outlive it: long enough that a script started on a loaded machine has written
     * its pids or its headers before it, as the tests assume.
     */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private static TestClient client(CgiApp app) {
        return TestClient.builder(app).timeout(Duration.ofSeconds(20)).raiseAppExceptions(false)
                .clientAddress(Endpoint.of("10.1.2.3", 40000)).serverAddress(Endpoint.of("192.168.0.9", 8080))
                .rootPath("/cgi").build();
    }

    @Test
    void theScriptGetsTheRfc3875MetaVariablesAndNothingElseOfTheServersEnvironment() throws Exception {
        CgiApp app = CgiApp.builder(script(dir, "env.sh", "printf 'Content-Type: text/plain\\n\\n'\nenv\n"))
                .environment("APP_MODE", "test").build();
        TestClient client = TestClient.builder(app).host("example.test:8443").rootPath("/cgi")
                .clientAddress(Endpoint.of("10.1.2.3", 40000)).build();
        TestResponse r = client.post("/x/y").query("a", "1").query("b", "2").header("x-trace", "t1").header("x-trace", "t2")
                .header("proxy", "http://evil.example:3128").header("authorization", "Basic c2VjcmV0")
                .header("x_under_score", "smuggled").body(Bytes.utf8("hello"), "text/plain").send();
        assertEquals(200, r.status());
        assertEquals(Optional.of("text/plain"), r.header("content-type"));
        List<String> env = r.text().lines().toList();
        for (String expected : List.of("GATEWAY_INTERFACE=CGI/1.1", "REQUEST_METHOD=POST", "QUERY_STRING=a=1&b=2",
                "CONTENT_LENGTH=5", "CONTENT_TYPE=text/plain", "PATH_INFO=/x/y", "SCRIPT_NAME=/cgi",
                "SERVER_NAME=example.test", "SERVER_PORT=8443", "SERVER_PROTOCOL=HTTP/1.1", "REMOTE_ADDR=10.1.2.3",
                "REMOTE_PORT=40000", "HTTP_X_TRACE=t1, t2", "HTTP_HOST=example.test:8443", "APP_MODE=test",
                "REQUEST_SCHEME=http")) {
            assertTrue(env.contains(expected), expected + " in " + env);
        }
        for (String absent : List.of("HTTP_PROXY=", "HTTP_AUTHORIZATION=", "HTTP_X_UNDER_SCORE=", "HTTP_CONTENT_TYPE=",
                "JAVA_HOME=", "HOME=")) {
            assertTrue(env.stream().noneMatch(l -> l.startsWith(absent)), absent + " must not reach the script");
        }
        assertTrue(env.stream().anyMatch(l -> l.startsWith("PATH=")), "PATH is passed by default");
    }

    @Test
    void aNulThatWouldReachTheEnvironmentIs400AndTheScriptNeverRuns() throws Exception {
        Path ran = dir.resolve("ran");
        CgiApp app = CgiApp.builder(script(dir, "nul.sh", "touch " + ran + "\nprintf 'Status: 204\\n\\n'\n")).build();
        TestResponse r = client(app).get("/a%00b").send();
        assertEquals(400, r.status());
        assertTrue(r.text().contains("PATH_INFO"), r.text());
        assertFalse(Files.exists(ran));
        assertEquals(204, client(app).get("/ok").send().status());
        assertTrue(Files.exists(ran));
    }

    @Test
    void statusLocationAndOtherFieldsComeFromTheHeaderBlock() throws Exception {
        TestClient notFound = client(CgiApp.builder(script(dir, "nf.sh",
                "printf 'Status: 404 Not Found\\r\\nContent-Type: text/html\\r\\nX-App: 1\\r\\nConnection: close\\r\\n"
                        + "\\r\\n<p>nope</p>'\n")).build());
        TestResponse r = notFound.get("/").send();
        assertEquals(404, r.status());
        assertEquals(Optional.of("text/html"), r.header("content-type"));
        assertEquals(Optional.of("1"), r.header("x-app"));
        assertFalse(r.header("connection").isPresent(), "the connection's own fields are the server's");
        assertEquals("<p>nope</p>", r.text());

        TestResponse redirect = client(CgiApp.builder(script(dir, "loc.sh",
                "printf 'Location: https://example.test/next\\n\\n'\n")).build()).get("/").send();
        assertEquals(302, redirect.status());
        assertEquals(Optional.of("https://example.test/next"), redirect.header("location"));
    }

    @Test
    void aMalformedHeaderBlockOrAScriptThatCannotStartIs502() throws Exception {
        List<String> bodies = List.of(
                "printf 'no colon here\\n\\nbody'\n",
                "printf 'Content-Type: text/plain\\n'\n",
                "printf 'Status: 99 Odd\\n\\n'\n",
                "printf 'Content-Type: text/plain\\n folded\\n\\n'\n",
                "printf 'X-Big: %0200d\\n\\n' 0\n",
                "exit 3\n");
        for (int i = 0; i < bodies.size(); i++) {
            CgiApp app = CgiApp.builder(script(dir, "bad" + i + ".sh", bodies.get(i))).maxHeaderBytes(128).build();
            TestResponse r = client(app).get("/").send();
            assertEquals(502, r.status(), bodies.get(i));
            assertTrue(r.text().startsWith("Bad Gateway"), r.text());
        }
        CgiApp missing = CgiApp.builder(script(dir, "ok.sh", "printf 'Status: 204\\n\\n'\n"))
                .interpreter(dir.resolve("no-such-interpreter").toString()).build();
        assertEquals(502, client(missing).get("/").send().status());
    }

    @Test
    void aScriptThatSleepsForeverIsKilledWithItsChildrenAndAnswered504() throws Exception {
        Path pids = dir.resolve("pids");
        Files.createDirectories(pids);
        CgiApp app = CgiApp.builder(script(dir, "forever.sh",
                "echo $$ > " + pids.resolve("shell") + "\nsleep 300 &\necho $! > " + pids.resolve("child") + "\nwait\n"))
                .timeout(SCRIPT_TIMEOUT).build();
        TestResponse r = client(app).get("/").send();
        assertEquals(504, r.status());
        assertTrue(r.text().startsWith("Gateway Timeout"), r.text());
        long shell = pid(pids.resolve("shell"));
        long child = pid(pids.resolve("child"));
        awaitGone(shell);
        awaitGone(child);
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the sleep child is gone");
    }

    @Test
    void aTimeoutAfterTheHeadersCutsTheResponseAndALeavingClientKillsTheScript() throws Exception {
        Path pid = dir.resolve("pid");
        CgiApp slow = CgiApp.builder(script(dir, "slow.sh",
                "echo $$ > " + pid + "\nprintf 'Content-Type: text/plain\\n\\nfirst\\n'\nexec sleep 300\n"))
                .timeout(SCRIPT_TIMEOUT).build();
        TestResponse cut = client(slow).get("/").send();
        assertEquals(200, cut.status());
        assertTrue(cut.aborted(), "a timed-out body is cut, never ended as complete");
        awaitGone(pid(pid));

        Files.delete(pid);
        CgiApp patient = CgiApp.builder(dir.resolve("slow.sh")).timeout(Duration.ofMinutes(5)).build();
        StreamingResponse stream = client(patient).get("/").stream();
        assertEquals(Optional.of(Bytes.utf8("first\n")), stream.nextChunk());
        stream.disconnect();
        awaitGone(pid(pid));
    }

    @Test
    void aChunkedBodyIsPipedToStdinWithoutContentLength() throws Exception {
        CgiApp app = CgiApp.builder(script(dir, "count.sh",
                "printf 'Content-Type: text/plain\\n\\n'\necho \"${CONTENT_LENGTH:-none} $(wc -c | tr -d ' ')\"\n"))
                .build();
        List<Bytes> pieces = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            pieces.add(Bytes.of(new byte[32 * 1024]));
        }
        TestResponse r = client(app).post("/").bodyChunks(pieces).send();
        assertEquals("none 2097152\n", r.text());
    }

    @Test
    void stderrIsLoggedEscapedAndBounded() throws Exception {
        Logger logger = Logger.getLogger(CgiApp.class.getName());
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch capped = new CountDownLatch(1);
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String text = java.text.MessageFormat.format(record.getMessage(), record.getParameters());
                lines.add(text);
                if (text.contains("more stderr lines")) {
                    capped.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            CgiApp app = CgiApp.builder(script(dir, "noisy.sh",
                    "printf 'oops \\033[31m red\\n' >&2\nfor i in 1 2 3 4; do echo more >&2; done\n"
                            + "printf 'Content-Type: text/plain\\n\\nok'\n")).stderrLines(2).build();
            assertEquals("ok", client(app).get("/").send().text());
            assertTrue(capped.await(10, TimeUnit.SECONDS), "the cap is reported: " + lines);
        } finally {
            logger.removeHandler(capture);
        }
        List<String> stderr = lines.stream().filter(l -> l.contains("stderr")).toList();
        assertEquals(3, stderr.size(), stderr.toString());
        assertTrue(stderr.get(0).endsWith("stderr: oops \\x1b[31m red"), stderr.get(0));
    }

    @Test
    void badOptionsAndOtherScopesAreRefusedByName() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "echo");
        assertTrue(message(() -> CgiApp.builder(dir.resolve("none.sh")).build()).startsWith("script is not a regular"));
        assertTrue(message(() -> CgiApp.builder(plain).build()).startsWith("script is not executable"));
        assertTrue(message(() -> CgiApp.builder(plain).timeout(Duration.ZERO)).startsWith("timeout"));
        assertTrue(message(() -> CgiApp.builder(plain).maxHeaderBytes(10)).startsWith("maxHeaderBytes"));
        assertTrue(message(() -> CgiApp.builder(plain).stderrLines(-1)).startsWith("stderrLines"));
        assertTrue(message(() -> CgiApp.builder(plain).environment("A=B", "x")).startsWith("environment"));
        assertTrue(message(() -> CgiApp.builder(plain).passEnvironment("")).startsWith("passEnvironment"));
        assertTrue(message(() -> CgiApp.builder(plain).workingDirectory(plain)).startsWith("workingDirectory"));
        assertTrue(message(() -> CgiApp.builder(plain).interpreter()).startsWith("interpreter"));
        CgiApp viaShell = CgiApp.builder(plain).interpreter("/bin/sh").build();

        CompletableFuture<Void> lifespan = viaShell.call(new LifespanScope(PagiInfo.current(), new State()),
                CompletableFuture::new, e -> CompletableFuture.completedFuture(null)).toCompletableFuture();
        CompletionException failed = assertThrows(CompletionException.class, lifespan::join);
        assertTrue(failed.getCause() instanceof UnsupportedScopeException);
    }

    private static String message(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }
}
