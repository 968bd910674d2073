package org.pagi.wrappers.apicheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Application;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.WebSocketSession;
import org.pagi.wrappers.Blocking;

/**
 * The public API as a new user meets it: {@link NewUserSources} compiled with {@code javax.tools} against the
 * wrappers' and spec's main classes and Jackson only (never test classes), with every lint warning on; then the
 * compiled classes are loaded and run through the test client.
 */
@Timeout(60)
class NewUserApiTest {

    @TempDir
    static Path out;

    private static URLClassLoader loader;

    @BeforeAll
    static void compile() throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK with javac runs these tests");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> sources = NewUserSources.ALL.entrySet().stream()
                .map(e -> source(e.getKey(), e.getValue())).collect(Collectors.toList());
        List<String> options = List.of("--release", "21", "-Xlint:all", "-Werror", "-proc:none",
                "-classpath", mainClasspath(), "-d", out.toString());
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            boolean ok = javac.getTask(null, files, diagnostics, options, null, sources).call();
            List<String> reported = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
                    .map(d -> d.getKind() + " " + d.getSource().getName() + ":" + d.getLineNumber() + ": "
                            + d.getMessage(null))
                    .toList();
            assertEquals(List.of(), reported, "no errors and no warnings");
            assertTrue(ok, "compiled");
        }
        loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, NewUserApiTest.class.getClassLoader());
    }

    /** Where the wrappers, spec and Jackson main classes were loaded from: a jar or a classes directory each. */
    private static String mainClasspath() {
        return Stream.of(Blocking.class, Application.class, ObjectMapper.class, JsonParser.class,
                        JsonProperty.class)
                .map(NewUserApiTest::location).distinct().collect(Collectors.joining(File.pathSeparator));
    }

    private static String location(Class<?> type) {
        try {
            String path = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            assertTrue(!path.contains("test-classes"), type + " must come from main classes, not " + path);
            return path;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JavaFileObject source(String className, String code) {
        URI uri = URI.create("string:///" + className.replace('.', '/') + JavaFileObject.Kind.SOURCE.extension);
        return new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

    private static Object newInstance(String className) throws Exception {
        return loader.loadClass(className).getConstructor().newInstance();
    }

    private static Application appOf(Object instance) throws Exception {
        return (Application) instance.getClass().getMethod("app").invoke(instance);
    }

    @Test
    void helloRouterAnswersItsRoutes() throws Exception {
        Application app = (Application) loader.loadClass("demo.HelloApp").getMethod("app").invoke(null);
        TestClient client = TestClient.of(app);
        assertEquals("Hello, world", client.get("/").send().text());
        assertEquals("Hi, ann", client.get("/hello/ann?greeting=Hi").send().text());
        assertEquals(404, client.get("/nope").send().status());
    }

    @Test
    void classBasedRouterServesItsRouteMethodAndEndpoint() throws Exception {
        TestClient client = TestClient.of((Application) newInstance("demo.Shop"));
        assertEquals("hi ann", client.get("/hello/ann").send().text());
        assertEquals("[\"pen\",\"ink\"]", client.get("/items").send().text());
        TestResponse refused = client.post("/items").send();
        assertEquals(405, refused.status());
        assertEquals(Optional.of("GET, HEAD, OPTIONS"), refused.header("allow"));
    }

    @Test
    void jsonApiWithBlockingHandlersCreatesListsAndRefusesBadInput() throws Exception {
        TestClient client = TestClient.of(appOf(newInstance("demo.TodoApi")));
        TestResponse created = client.post("/todos").json(Map.of("title", "milk", "done", false)).send();
        assertEquals(201, created.status());
        assertEquals(1, created.json().get("id").asInt());
        assertEquals("{\"title\":\"milk\",\"done\":false}", created.json().get("todo").toString());
        assertEquals("{\"title\":\"milk\",\"done\":false}", client.get("/todos/1").send().text());
        assertEquals(404, client.get("/todos/2").send().status());
        assertEquals(415, client.post("/todos").text("milk").send().status());
        assertEquals(400, client.post("/todos").body(org.pagi.spec.Bytes.utf8("{\"title\":"), "application/json")
                .send().status());
        assertEquals("{\"1\":{\"title\":\"milk\",\"done\":false}}", client.get("/todos").send().text());
    }

    @Test
    void chatRoomBroadcastsToEveryMember() throws Exception {
        TestClient client = TestClient.of(appOf(newInstance("demo.ChatRoom")));
        try (WebSocketSession ann = client.websocket("/chat/ann").connect()) {
            assertEquals("welcome ann, 1 here", ann.receiveText());
            try (WebSocketSession bob = client.websocket("/chat/bob").connect()) {
                assertEquals("welcome bob, 2 here", bob.receiveText());
                bob.sendText("hi all");
                assertEquals("bob: hi all", ann.receiveText());
                assertEquals("bob: hi all", bob.receiveText());
            }
        }
    }

    @Test
    void priceFeedResumesAfterLastEventIdAndDeclinesWithoutASymbol() throws Exception {
        Object feed = newInstance("demo.PriceFeed");
        var publish = feed.getClass().getMethod("publish", String.class, double.class);
        publish.invoke(feed, "ACME", 41.5);
        publish.invoke(feed, "ACME", 42.0);
        TestClient client = TestClient.of(appOf(feed));
        try (SseStream declined = client.sse("/prices").open()) {
            assertEquals(400, declined.status());
        }
        try (SseStream stream = client.sse("/prices?symbol=ACME").lastEventId("1").open()) {
            assertEquals("ACME 42.0", stream.next().data());
            publish.invoke(feed, "ACME", 43.25);
            var live = stream.next();
            assertEquals(List.of("price", "ACME 43.25", Optional.of("3")),
                    List.of(live.event(), live.data(), live.id()));
        }
    }

    @Test
    void lifespanStateIsReadByEveryRequestAndReportedAtShutdown() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        Application app = (Application) loader.loadClass("demo.Counter").getMethod("app", List.class)
                .invoke(null, log);
        TestClient client = TestClient.of(app);
        List<String> seen = new ArrayList<>();
        client.withLifespan(() -> {
            seen.add(client.get("/").send().text());
            seen.add(client.get("/").send().text());
        });
        assertEquals(List.of("hit 1", "hit 2"), seen);
        assertEquals(List.of("served 2"), log);
    }
}
