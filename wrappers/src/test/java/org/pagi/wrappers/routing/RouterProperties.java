package org.pagi.wrappers.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.wrappers.routing.Handlers.echo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.TestClient;

class RouterProperties {

    /** A template and values its parameters accept. */
    record Case(String template, Map<String, String> values) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> literal = Arbitraries.strings().withChars("abcxyz019-_.~").ofMinLength(1).ofMaxLength(6)
                .filter(s -> !s.chars().allMatch(c -> c == '.'));
        Arbitrary<String> plainValue = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8)
                .filter(s -> s.indexOf('/') < 0 && !s.chars().allMatch(c -> c == '.')
                        && s.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f && !Character.isSurrogate((char) c)
                        && Character.isDefined(c)));
        Arbitrary<String[]> segment = Arbitraries.oneOf(
                literal.map(l -> new String[] {"lit", l, null}),
                Arbitraries.longs().map(n -> new String[] {"int", "int", Long.toString(n)}),
                Arbitraries.create(java.util.UUID::randomUUID).map(u -> new String[] {"uuid", "uuid", u.toString()}),
                Arbitraries.strings().withChars("abc").ofMinLength(1).ofMaxLength(5)
                        .map(v -> new String[] {"re", "[a-c]+", v}),
                plainValue.map(v -> new String[] {"plain", null, v}));
        Arbitrary<List<String[]>> segments = segment.list().ofMaxSize(5);
        Arbitrary<String> rest = Arbitraries.strings().withChars("ab%é ").ofMinLength(1).ofMaxLength(4)
                .list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("/", parts));
        return Combinators.combine(segments, rest.injectNull(0.5)).as((list, wildcard) -> {
            StringBuilder template = new StringBuilder();
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                String[] s = list.get(i);
                String name = "p" + i;
                switch (s[0]) {
                    case "lit" -> template.append('/').append(s[1]);
                    case "plain" -> template.append("/{").append(name).append('}');
                    default -> template.append("/{").append(name).append(':').append(s[1]).append('}');
                }
                if (s[2] != null) {
                    values.put(name, s[2]);
                }
            }
            if (wildcard != null) {
                template.append("/{*rest}");
                values.put("rest", wildcard);
            }
            return new Case(template.isEmpty() ? "/" : template.toString(), values);
        });
    }

    @Property(tries = 300)
    void aRouteMatchesEveryPathItsTemplateExpandsTo(@ForAll("cases") Case c) {
        Router router = Router.builder().get(c.template(), echo("r")).get("/zz-decoy/{x}", echo("decoy")).build();
        String path = PathTemplate.parse(c.template()).expand(c.values());
        String text = TestClient.of(router).get(path).send().text();
        assertTrue(text.startsWith("r|" + c.template() + "|" + c.values() + "|"), path + " gave " + text);
    }

    @Property(tries = 300)
    void urlForRoundTripsThroughMatchingUnderMountsAndGroups(@ForAll("cases") Case c) {
        Router inner = Router.builder().group("/g", g -> g.get(c.template(), (scope, receive, send) ->
                Handlers.text(send, 200, Router.pathParams((org.pagi.spec.RequestScope) scope).toString())).name("r"))
                .build();
        Router outer = Router.builder().mount("/m", inner, "inner").build();
        String url = outer.urlFor("inner.r", c.values(), Map.of("q", "1 2"));
        assertTrue(url.startsWith("/m/g"), url);
        assertEquals(c.values().toString(), TestClient.of(outer).get(url).send().text(), url);
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(6),
                Arbitraries.of("users", "42", "me", "files", "", "-1", "123e4567-e89b-12d3-a456-426614174000"));
        return Arbitraries.oneOf(piece.list().ofMaxSize(6).map(l -> "/" + String.join("/", l)),
                Arbitraries.strings().all().ofMaxLength(20));
    }

    private static final Router MANY = Router.builder()
            .get("/", echo("root")).get("/users/{id:int}", echo("u")).post("/users/{name}", echo("n"))
            .get("/users/me", echo("me")).get("/users/{u:uuid}/x", echo("x")).get("/files/{*rest}", echo("f"))
            .put("/{a}/{b:[0-9]+}", echo("ab")).mount("/mounted", echo("m")).redirectTrailingSlash(true).build();
    // An instance field: the capturing lambda runs on another thread, which would wait for static initialisation.
    private final HttpScope sample = sampleScope();

    private static HttpScope sampleScope() {
        HttpScope[] captured = new HttpScope[1];
        TestClient.of((scope, receive, send) -> {
            captured[0] = (HttpScope) scope;
            return Handlers.text(send, 200, "");
        }).get("/").send();
        return captured[0];
    }

    @Property(tries = 1000)
    void matchingAnyPathAnswersWithoutThrowing(@ForAll("paths") String path,
                                               @ForAll("methods") String method) throws Exception {
        HttpScope scope = sample.withRequest(new org.pagi.spec.RequestInfo(sample.httpVersion(), method,
                sample.scheme(), path, sample.rawPath(), sample.queryString(), "", sample.headers(),
                sample.client(), sample.server()));
        AtomicInteger status = new AtomicInteger();
        MANY.call(scope, () -> new CompletableFuture<>(), event -> {
            if (event instanceof HttpResponseStart start) {
                status.set(start.status());
            }
            return CompletableFuture.completedFuture(null);
        }).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertTrue(Set.of(200, 204, 301, 308, 404, 405).contains(status.get()), path + " gave " + status.get());
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");
    }

}
