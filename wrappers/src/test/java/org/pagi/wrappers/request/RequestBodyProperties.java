package org.pagi.wrappers.request;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Assertions;
import org.pagi.spec.Bytes;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpRequest;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.response.Response;

/** Any body, split into any chunks, reads back the same whole and streamed. */
class RequestBodyProperties {

    @Property(tries = 200)
    void anySplitReadsBackIdentically(@ForAll @Size(max = 2000) byte[] body,
            @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 2000) Integer> cuts) {
        List<Bytes> pieces = Pieces.split(body, cuts);
        Assertions.assertEquals(Bytes.of(body),
                Request.of(scope(), receive(pieces)).body().toCompletableFuture().join());

        Request streamed = Request.of(scope(), receive(pieces));
        BodyChunks chunks = streamed.chunks();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (var c = chunks.next().toCompletableFuture().join(); c.isPresent();
                c = chunks.next().toCompletableFuture().join()) {
            Assertions.assertFalse(c.get().isEmpty());
            out.writeBytes(c.get().toByteArray());
        }
        Assertions.assertArrayEquals(body, out.toByteArray());
    }

    private static Receive receive(List<Bytes> pieces) {
        ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < pieces.size(); i++) {
            events.add(new HttpRequest(pieces.get(i), i < pieces.size() - 1));
        }
        return () -> CompletableFuture.completedFuture(events.remove());
    }

    // An instance field: the capturing lambda runs on another thread, which would wait for static initialisation.
    private final HttpScope sample = sampleScope();

    private HttpScope scope() {
        return sample;
    }

    private static HttpScope sampleScope() {
        HttpScope[] captured = new HttpScope[1];
        TestClient.of((scope, receive, send) -> {
            captured[0] = (HttpScope) scope;
            return Response.empty().respond(scope, send);
        }).post("/").send();
        return captured[0];
    }
}
