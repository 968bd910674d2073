package org.pagi.wrappers.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.http.Multipart;
import org.pagi.wrappers.request.Probe.Mode;
import org.pagi.wrappers.routing.Router;

/** Request's connection helpers and limits set per router and per route, in both handler modes. */
@Timeout(30)
class RequestConnectionTest {

    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    @ParameterizedTest
    @EnumSource(Mode.class)
    void connectionStateTransportAndOnCompleteComeFromTheScope(Mode mode) throws Exception {
        CompletableFuture<String> completed = new CompletableFuture<>();
        java.util.function.Function<Request, String> look = r -> {
            r.onComplete(() -> completed.complete("complete, connected=" + r.isConnected()));
            r.onDisconnect(reason -> completed.complete("disconnected " + reason));
            return r.isConnected() + " " + r.disconnectReason() + " " + (r.transport() == r.scope().transport())
                    + " " + (r.transport().bufferedAmount() >= 0);
        };
        Probe probe = new Probe(r -> CompletableFuture.completedFuture(look.apply(r)),
                r -> look.apply(r.blocking().request()));
        assertEquals("true Optional.empty true true", TestClient.of(probe.app(mode, failures)).get("/").send().text());
        assertEquals("complete, connected=true", completed.get(10, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void onDisconnectRunsWithTheReasonWhenTheClientLeavesMidBody(Mode mode) throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        CompletableFuture<Void> registered = new CompletableFuture<>();
        java.util.function.Consumer<Request> watch = r -> {
            r.onDisconnect(reason -> seen.complete(reason.token() + " " + r.isConnected() + " "
                    + r.disconnectReason().map(DisconnectReason::token).orElse("none")));
            registered.complete(null);
        };
        Probe probe = new Probe(r -> {
            watch.accept(r);
            return r.body().thenApply(Bytes::utf8);
        }, r -> {
            watch.accept(r.blocking().request());
            return r.blocking().body().utf8();
        });
        try (StreamingResponse s = TestClient.of(probe.app(mode, failures)).post("/").openBody().stream()) {
            s.writeBody(Bytes.utf8("part"), true);
            registered.get(10, TimeUnit.SECONDS);
            s.disconnect();
            String text = seen.get(10, TimeUnit.SECONDS);
            assertTrue(text.endsWith(" false " + text.substring(0, text.indexOf(' '))), text);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void limitsAreSetPerRouterAndOverriddenPerRoute(Mode mode) {
        Probe probe = new Probe(r -> r.multipart().thenApply(f -> r.limits().maxFileBytes() + " ok"),
                r -> r.blocking().multipart().files().size() + " " + r.blocking().request().limits().maxFileBytes()
                        + " ok");
        BodyLimits routerWide = BodyLimits.DEFAULTS.withMaxFileBytes(100);
        BodyLimits roomy = BodyLimits.DEFAULTS.withMaxFileBytes(10_000);
        Router router = Router.builder()
                .post("/strict", probe.app(mode, failures))
                .post("/roomy", probe.app(mode, failures), roomy.middleware())
                .build();
        TestClient client = TestClient.of(routerWide.middleware().wrap(router));
        Multipart body = Multipart.builder().file("f", "f.bin", RequestMultipartTest.random(1000)).build();
        var strict = client.post("/strict").multipart(body).send();
        assertEquals(413, strict.status());
        assertEquals("uploaded file 'f' exceeds 100 bytes (maxFileBytes)", strict.text());
        assertTrue(client.post("/roomy").multipart(body).send().text().endsWith("10000 ok"));
        assertTrue(failures.isEmpty(), failures::toString);
    }
}
