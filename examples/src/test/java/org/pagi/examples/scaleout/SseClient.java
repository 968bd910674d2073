package org.pagi.examples.scaleout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An event stream read as {@code EventSource} reads it (id, event, data; comments skipped), on a virtual thread
 * of its own that queues each event, so a test waits for the next one with a bound. {@link #close()} drops the
 * connection, as a browser tab that goes away.
 */
final class SseClient implements AutoCloseable {
    /** One event; {@code END} marks the end of the stream. */
    record Event(String id, String event, String data) {
        static final Event END = new Event("", "", "");
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        Thread.ofVirtual().name("sse-client").start(this::read);
    }

    static SseClient open(HttpClient http, URI uri, Optional<String> lastEventId) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10));
        lastEventId.ifPresent(id -> request.header("last-event-id", id));
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        return new SseClient(response);
    }

    /** @return the instance that answered */
    String instance() {
        return response.headers().firstValue("x-instance").orElse("?");
    }

    /** @return the next event, {@link Event#END} once the stream ended @throws AssertionError after {@code wait} */
    Event next(Duration wait) throws InterruptedException {
        Event e = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no event from " + instance() + " within " + wait);
        }
        return e;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = "";
            String event = "";
            StringBuilder data = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, event.isEmpty() ? "message" : event, data.toString()));
                    }
                    event = "";
                    data = null;
                } else if (line.startsWith("id:")) {
                    id = value(line);
                } else if (line.startsWith("event:")) {
                    event = value(line);
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder(value(line)) : data.append('\n').append(value(line));
                }
            }
        } catch (IOException ended) {
            // the connection dropped: the same as the end of the stream for the test
        } finally {
            events.add(Event.END);
        }
    }

    private static String value(String line) {
        String v = line.substring(line.indexOf(':') + 1);
        return v.startsWith(" ") ? v.substring(1) : v;
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
