package org.pagi.testing.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.WebSocketSession;

/**
 * A guided tour of PAGI: drives {@link HelloApp} through the in-process {@link TestClient} and prints each
 * exchange, the scope the application was called with and every event in order ({@code →} received by the
 * application, {@code ←} sent by it). Run it with {@code bin/pagi-demo}.
 *
 * <p>It also checks what it shows: {@link #run} returns 1 and says why if any exchange goes differently than
 * described. Not thread-safe; run one tour at a time.
 */
public final class Demo {
    private static final String USAGE = """
            usage: bin/pagi-demo
            Drives an example PAGI application through the in-process test client (HTTP, lifespan, WebSocket,
            SSE) and prints every scope and event. Exits 0 when every exchange went as described, 1 otherwise.""";

    private Demo() {
    }

    /**
     * Runs the tour on standard output and exits with its status.
     *
     * @param args none; {@code --help} prints the usage
     */
    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return;
        }
        if (args.length > 0) {
            System.err.println("unknown arguments " + List.of(args) + "\n" + USAGE);
            System.exit(2);
        }
        System.exit(run(System.out));
    }

    /**
     * Runs every exchange of the tour, printing to {@code out}.
     *
     * @return 0 when every exchange went as described; 1 otherwise, after printing what went wrong
     */
    public static int run(PrintStream out) {
        TestClient client = TestClient.of(Transcript.of(new HelloApp(), out));
        out.println("PAGI demo: the test client calls HelloApp in-process, with no sockets.");
        out.println("Each exchange shows the scope the app was called with, then every event in order:");
        out.println("→ the app received it, ← the app sent it.");
        try {
            hello(client, out);
            echo(client, out);
            stream(client, out);
            websocket(client, out);
            sse(client, out);
            lifespan(client, out);
            out.println();
            out.println("Every exchange went as described.");
            return 0;
        } catch (Exception | AssertionError e) {
            out.println();
            out.println("demo failed: " + e);
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                out.println("  caused by: " + cause);
            }
            return 1;
        }
    }

    private static void hello(TestClient client, PrintStream out) {
        section(out, "1. GET /: the smallest response");
        TestResponse r = client.get("/").send();
        out.println("  client got " + r.status() + ": " + r.text());
        expect(r.status() == 200 && r.text().equals("Hello from PAGI!"), "GET / answers 200 Hello from PAGI!", r);
    }

    private static void echo(TestClient client, PrintStream out) {
        section(out, "2. POST /echo?from=demo: the request body arrives as http.request events");
        TestResponse r = client.post("/echo?from=demo").text("hello").send();
        out.println("  client got " + r.status() + " " + r.header("content-type").orElse("") + ": " + r.text());
        expect(r.status() == 200 && r.text().equals("hello"), "POST /echo echoes the body", r);
    }

    private static void stream(TestClient client, PrintStream out) {
        section(out, "3. GET /stream: a response sent in pieces, read piece by piece");
        List<Bytes> chunks = new ArrayList<>();
        TestResponse whole;
        try (StreamingResponse response = client.get("/stream").stream()) {
            for (Optional<Bytes> chunk = response.nextChunk(); chunk.isPresent(); chunk = response.nextChunk()) {
                chunks.add(chunk.get());
            }
            whole = response.readAll();
        }
        for (int i = 0; i < chunks.size(); i++) {
            out.println("  client read chunk " + (i + 1) + ": " + chunks.get(i));
        }
        out.println("  client got " + whole.status() + ", whole body " + whole.body());
        expect(chunks.equals(List.of(Bytes.utf8("one\n"), Bytes.utf8("two\n"), Bytes.utf8("three\n"))),
                "GET /stream arrives in three chunks", whole);
    }

    private static void websocket(TestClient client, PrintStream out) {
        section(out, "4. WebSocket /ws: the handshake, two messages each way, then the client closes");
        List<String> replies = new ArrayList<>();
        try (WebSocketSession ws = client.websocket("/ws").connect()) {
            for (String text : List.of("hi", "PAGI")) {
                out.println("  client sends: " + text);
                ws.sendText(text);
                replies.add(ws.receiveText());
                out.println("  client got: " + replies.getLast());
            }
            out.println("  client closes with 1000 (normal closure)");
        }
        expect(replies.equals(List.of("echo: hi", "echo: PAGI")), "the WebSocket echoes each message", replies);
    }

    private static void sse(TestClient client, PrintStream out) {
        section(out, "5. SSE /events: a stream of named events, read as a browser's EventSource would");
        List<SseMessage> events;
        try (SseStream stream = client.sse("/events").open()) {
            events = stream.take(3);
            stream.awaitEnd();
        }
        for (SseMessage event : events) {
            String id = event.id().orElse("");
            out.println("  client got event=" + event.event() + " data=" + event.data() + " id=" + id);
        }
        List<SseMessage> expected = List.of(SseMessage.of("tick", "tick 1").withId("1"),
                SseMessage.of("tick", "tick 2").withId("2"), SseMessage.of("tick", "tick 3").withId("3"));
        expect(events.equals(expected), "three tick events with ids 1 to 3", events);
    }

    private static void lifespan(TestClient client, PrintStream out) throws Exception {
        section(out, "6. lifespan: startup stores a counter in the state, then each request reads it");
        List<String> answers = new ArrayList<>();
        client.withLifespan(() -> {
            for (int i = 0; i < 2; i++) {
                out.println("  GET /visits");
                TestResponse r = client.get("/visits").send();
                out.println("  client got " + r.status() + ": " + r.text());
                answers.add(r.text());
            }
            out.println("  (the test client now shuts the lifespan down)");
        });
        expect(answers.equals(List.of("visit number 1", "visit number 2")),
                "the counter from lifespan startup counts requests", answers);
    }

    private static void section(PrintStream out, String title) {
        out.println();
        out.println(title);
    }

    private static void expect(boolean ok, String what, Object got) {
        if (!ok) {
            throw new IllegalStateException("expected: " + what + "; got: " + got);
        }
    }
}
