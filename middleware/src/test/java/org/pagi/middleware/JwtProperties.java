package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.pagi.middleware.Jwt.Algorithm;
import org.pagi.middleware.Jwt.InvalidTokenException;

class JwtProperties {
    private static final Jwt.Verifier VERIFIER = JwtKeys.allThree().build();

    @Provide
    Arbitrary<Map<String, Object>> claims() {
        Arbitrary<Object> value = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.of(true, false).map(b -> (Object) b));
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)
                .filter(k -> !k.equals("exp") && !k.equals("nbf")), value).ofMaxSize(6);
    }

    @Property(tries = 200)
    void signThenVerifyRoundTrips(@ForAll Algorithm alg, @ForAll("claims") Map<String, Object> claims) {
        assertEquals(claims, VERIFIER.verify(Jwt.sign(alg, JwtKeys.signing(alg), claims)));
    }

    @Property(tries = 300)
    void anyChangedCharacterFails(@ForAll Algorithm alg, @ForAll("claims") Map<String, Object> claims,
                                  @ForAll @IntRange(min = 0, max = 10_000) int where, @ForAll char replacement) {
        String token = Jwt.sign(alg, JwtKeys.signing(alg), claims);
        int at = where % token.length();
        if (token.charAt(at) == replacement) {
            return;
        }
        String tampered = token.substring(0, at) + replacement + token.substring(at + 1);
        assertThrows(InvalidTokenException.class, () -> VERIFIER.verify(tampered), tampered);
    }

    @Provide
    Arbitrary<String> tokenShaped() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("ABCabc019-_=+/{}\"").ofMaxLength(60);
        Arbitrary<String> jsonSegment = Arbitraries.strings().withChars("{}[]\":,ab1 ").ofMaxLength(30)
                .map(json -> java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return Arbitraries.oneOf(Arbitraries.strings(),
                net.jqwik.api.Combinators.combine(Arbitraries.oneOf(segment, jsonSegment),
                        Arbitraries.oneOf(segment, jsonSegment), segment).as((a, b, c) -> a + "." + b + "." + c));
    }

    @Property(tries = 1000)
    void anyStringIsAResultOrAClearRefusal(@ForAll("tokenShaped") String input) {
        try {
            assertNotNull(VERIFIER.verify(input));
        } catch (InvalidTokenException refused) {
            assertNotNull(refused.getMessage());
        }
    }
}
