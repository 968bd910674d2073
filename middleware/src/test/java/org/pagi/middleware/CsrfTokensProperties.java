package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The token codec: a token minted for one binding passes for it, in every masked form, and for nothing else. */
class CsrfTokensProperties {

    private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final CsrfTokens TOKENS = new CsrfTokens(CsrfTest.SECRET.getBytes(StandardCharsets.UTF_8));

    @Property(tries = 300)
    void aTokenMintedForSessionAPassesForAAndNeverForB(@ForAll String a, @ForAll String b) {
        Assume.that(!a.equals(b));
        String token = TOKENS.mint(CsrfTokens.sessionBinding(a));
        assertTrue(TOKENS.accepts(token, CsrfTokens.sessionBinding(a)));
        assertTrue(TOKENS.accepts(TOKENS.mint(CsrfTokens.sessionBinding(a)), CsrfTokens.sessionBinding(a)));
        assertFalse(TOKENS.accepts(token, CsrfTokens.sessionBinding(b)));
        assertFalse(TOKENS.accepts(token, CsrfTokens.cookieBinding(a)), "a session token is no cookie token");
    }

    @Property(tries = 200)
    void anyAlteredCharacterFails(@ForAll String session, @ForAll @IntRange(min = 0, max = 85) int where) {
        String token = TOKENS.mint(CsrfTokens.sessionBinding(session));
        int digit = B64URL.indexOf(token.charAt(where)) ^ 0b100000; // the top bit: data even in the last character
        String altered = token.substring(0, where) + B64URL.charAt(digit) + token.substring(where + 1);
        assertFalse(TOKENS.accepts(altered, CsrfTokens.sessionBinding(session)), "character " + where);
    }

    @Property(tries = 100)
    void anotherSecretsTokensFail(@ForAll String session) {
        CsrfTokens other = new CsrfTokens("another-secret-another-secret-0003".getBytes(StandardCharsets.UTF_8));
        assertFalse(TOKENS.accepts(other.mint(CsrfTokens.sessionBinding(session)), CsrfTokens.sessionBinding(session)));
    }
}
