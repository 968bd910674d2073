package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.pagi.spec.Header;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

/** Whatever a client sends, the ids this middleware emits are safe to log. */
class RequestIdProperties {

    private static final TestClient CLIENT = TestClient.of(RequestId.builder().trustIncoming(true).maxLength(64)
            .build().wrap(RequestIdTest.ECHO_ID));

    @Provide
    Arbitrary<String> incoming() {
        // Every value a header may carry on the wire (all bytes but CR, LF, NUL), biased towards the safe set.
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0001', '\u00ff').excludeChars('\r', '\n').ofMaxLength(100),
                Arbitraries.strings().withChars("abcXYZ019-_.:+/=@~").ofMinLength(1).ofMaxLength(80));
    }

    @Property(tries = 300)
    void noEmittedIdContainsAControlCharacter(@ForAll("incoming") String value) {
        Header.of("x-request-id", value); // the property only covers values a request can carry
        TestResponse res = CLIENT.get("/").header("x-request-id", value).send();
        String emitted = res.header("x-request-id").orElseThrow();
        assertTrue(emitted.equals(res.text()), "the header and the scope attribute agree");
        assertTrue(!emitted.isEmpty() && emitted.length() <= 64, emitted);
        assertTrue(emitted.chars().noneMatch(c -> c < 0x21 || c > 0x7e), emitted);
        assertTrue(emitted.chars().noneMatch(c -> c == '"' || c == '\\' || c == '\'' || c == ','), emitted);
    }
}
