package org.pagi.testing.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.testing.TestClient;

class PagiExtensionTest {

    /** Says hello, or how many lifespan startups it has seen when the state holds a counter. */
    public static final class Hello implements Application {
        static final AtomicInteger STARTUPS = new AtomicInteger();
        static final AtomicInteger SHUTDOWNS = new AtomicInteger();

        @Override
        public java.util.concurrent.CompletionStage<Void> call(org.pagi.spec.Scope scope, org.pagi.spec.Receive receive,
                org.pagi.spec.Send send) {
            if (scope instanceof LifespanScope life) {
                return receive.receive()
                        .thenCompose(e -> {
                            life.state().put("greeting", "hello from lifespan " + STARTUPS.incrementAndGet());
                            return send.send(new LifespanStartupComplete());
                        })
                        .thenCompose(v -> receive.receive())
                        .thenCompose(e -> {
                            SHUTDOWNS.incrementAndGet();
                            return send.send(new LifespanShutdownComplete());
                        });
            }
            String text = ((HttpScope) scope).state().get("greeting", String.class).orElse("hello");
            return send.send(new HttpResponseStart(200, Headers.of("set-cookie", "seen=1")))
                    .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(text))));
        }
    }

    @Nested
    @PagiTest(app = Hello.class)
    class ByAppClass {
        @Test
        void injectsAClientForTheApp(TestClient client) {
            assertEquals("hello", client.get("/").send().text());
        }

        @Test
        void givesEachTestAFreshCookieJar(TestClient first, TestClient second) {
            first.get("/").send();
            assertNotSame(first, second);
            assertTrue(second.cookies().get("seen").isEmpty());
        }
    }

    @Nested
    @PagiTest(lifespan = true)
    class ByTestAppMemberWithLifespan {
        @TestApp
        static final Application APP = new Hello();

        @Test
        void runsStartupBeforeTheTestsAndSharesItsState(TestClient client) {
            assertTrue(client.get("/").send().text().startsWith("hello from lifespan "));
        }
    }

    @Nested
    class ByRegistration {
        static final AtomicInteger CALLS = new AtomicInteger();

        @RegisterExtension
        static final PagiExtension PAGI = PagiExtension.forApp((scope, receive, send) -> {
            CALLS.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("broken"));
        }).serverErrors();

        @Test
        void answersAsAServerWouldWhenAsked(TestClient client) {
            assertEquals(500, client.get("/").send().status());
            assertTrue(CALLS.get() > 0);
        }
    }
}
