package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.spec.server.ConnectionTracker;
import org.pagi.spec.server.FlowTracker;

class HttpScopeTest {

    private final ConnectionTracker connection = new ConnectionTracker();
    private final FlowTracker transport = new FlowTracker();
    private final State state = new State();

    private HttpScope scope(RequestInfo request, Map<String, Object> attributes) {
        return new HttpScope(PagiInfo.current(), request, state, Extensions.none(), connection, transport, attributes);
    }

    @Nested
    class Construction {
        @Test
        void hasTypeHttp() {
            assertEquals("http", scope(TestRequests.request("http"), Map.of()).type());
            assertEquals(HttpScope.TYPE, scope(TestRequests.request("https"), Map.of()).type());
        }

        @Test
        void rejectsAWebSocketScheme() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> scope(TestRequests.request("ws"), Map.of()));
            assertEquals("an http scope has scheme http or https, got ws", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> scope(TestRequests.request("wss"), Map.of()));
        }

        @Test
        void rejectsNullParts() {
            RequestInfo r = TestRequests.request("http");
            assertThrows(NullPointerException.class,
                    () -> new HttpScope(PagiInfo.current(), r, state, Extensions.none(), null, transport, Map.of()));
            assertThrows(NullPointerException.class,
                    () -> new HttpScope(PagiInfo.current(), r, null, Extensions.none(), connection, transport, Map.of()));
        }

        @Test
        void copiesAndFreezesTheAttributes() {
            Map<String, Object> source = new HashMap<>(Map.of("k", "v"));
            HttpScope s = scope(TestRequests.request("http"), source);
            source.put("k2", "v2");
            assertEquals(Map.of("k", "v"), s.attributes());
            assertThrows(UnsupportedOperationException.class, () -> s.attributes().put("x", "y"));
        }

        @Test
        void requestAccessorsReadThroughTheRequestInfo() {
            HttpScope s = scope(TestRequests.request("https"), Map.of());
            assertEquals("GET", s.method());
            assertEquals("https", s.scheme());
            assertEquals("/", s.path());
            assertEquals(Bytes.ascii("/"), s.rawPath());
            assertEquals(Bytes.empty(), s.queryString());
            assertEquals("", s.rootPath());
            assertEquals("1.1", s.httpVersion());
            assertEquals(Headers.empty(), s.headers());
            assertEquals(Optional.empty(), s.client());
            assertEquals(Optional.empty(), s.server());
        }
    }

    @Nested
    class Copies {
        @Test
        void withAttributeAddsTheKeyToTheCopyOnly() {
            HttpScope original = scope(TestRequests.request("http"), Map.of());
            HttpScope copy = original.withAttribute("myapp.user", "alice");
            assertEquals(Optional.of("alice"), copy.attribute("myapp.user"));
            assertEquals(Optional.empty(), original.attribute("myapp.user"));
        }

        @Test
        void withAttributeSharesConnectionTransportAndState() {
            HttpScope original = scope(TestRequests.request("http"), Map.of());
            HttpScope copy = original.withAttribute("k", 1);
            assertSame(original.connection(), copy.connection());
            assertSame(original.transport(), copy.transport());
            assertSame(original.state(), copy.state());
            assertSame(original.request(), copy.request());
        }

        @Test
        void withAttributeKeepsEarlierKeysInOrder() {
            HttpScope s = scope(TestRequests.request("http"), Map.of()).withAttribute("a", 1).withAttribute("b", 2);
            assertEquals(java.util.List.of("a", "b"), java.util.List.copyOf(s.attributes().keySet()));
        }

        @Test
        void attributesStayReadOnlyAndUnsharedThroughCopies() {
            java.util.LinkedHashMap<String, Object> given = new java.util.LinkedHashMap<>(Map.of("k", "v"));
            HttpScope s = scope(TestRequests.request("http"), given);
            given.put("late", "no");
            HttpScope copy = s.withAttribute("a", 1).withRequest(s.request()).withAttribute("b", 2);
            assertEquals(Map.of("k", "v"), s.attributes(), "a copy of the caller's map, not a view");
            assertEquals(Map.of("k", "v", "a", 1, "b", 2), copy.attributes());
            assertEquals(copy.attributes(), scope(TestRequests.request("http"), copy.attributes()).attributes());
            assertThrows(UnsupportedOperationException.class, () -> copy.attributes().put("x", 1));
            assertThrows(UnsupportedOperationException.class, () -> copy.attributes().remove("k"));
            assertThrows(UnsupportedOperationException.class, () -> copy.attributes().entrySet().clear());
            assertThrows(UnsupportedOperationException.class,
                    () -> copy.attributes().entrySet().iterator().next().setValue("changed"));
            assertEquals(true, copy.attributes().containsKey("a"));
            assertEquals(2, copy.attributes().get("b"));
        }

        @Test
        void manyAttributesReadAsAMapInInsertionOrderWithALaterValueKeepingItsPlace() {
            HttpScope s = scope(TestRequests.request("http"), Map.of("first", 0));
            java.util.LinkedHashMap<String, Object> expected = new java.util.LinkedHashMap<>(Map.of("first", 0));
            for (int i = 0; i < 40; i++) {
                String key = "k" + (i % 25);
                s = s.withAttribute(key, i);
                expected.put(key, i);
                assertEquals(Optional.of(i), s.attribute(key));
            }
            s = s.withAttribute("first", "again");
            expected.put("first", "again");
            assertEquals(java.util.List.copyOf(expected.keySet()), java.util.List.copyOf(s.attributes().keySet()));
            assertEquals(expected, s.attributes());
            assertEquals(s.attributes(), expected);
            assertEquals(expected.hashCode(), s.attributes().hashCode());
            assertEquals(26, s.attributes().size());
            assertEquals(null, s.attributes().get(null));
            assertEquals(false, s.attributes().containsKey(null));
            assertEquals(Optional.empty(), s.attribute("k25"));
        }

        @Test
        void withAttributeRejectsNullKeyOrValue() {
            HttpScope s = scope(TestRequests.request("http"), Map.of());
            assertThrows(NullPointerException.class, () -> s.withAttribute(null, 1));
            assertThrows(NullPointerException.class, () -> s.withAttribute("k", null));
        }

        @Test
        void withRequestReplacesOnlyTheRequest() {
            HttpScope original = scope(TestRequests.request("http"), Map.of("k", "v"));
            RequestInfo rewritten = original.request().withPath("/rewritten");
            HttpScope copy = original.withRequest(rewritten);
            assertEquals("/rewritten", copy.path());
            assertEquals("/", original.path());
            assertSame(original.connection(), copy.connection());
            assertSame(original.state(), copy.state());
            assertEquals(original.attributes(), copy.attributes());
        }

        @Test
        void withRequestStillRejectsAWebSocketScheme() {
            HttpScope original = scope(TestRequests.request("http"), Map.of());
            assertThrows(IllegalArgumentException.class, () -> original.withRequest(TestRequests.request("ws")));
        }

        @Test
        void stateWrittenThroughACopyIsSeenByTheOriginalBecauseTheObjectIsShared() {
            HttpScope original = scope(TestRequests.request("http"), Map.of());
            original.withAttribute("k", 1).state().put("seen", true);
            assertTrue(original.state().get("seen").isPresent());
        }
    }
}
