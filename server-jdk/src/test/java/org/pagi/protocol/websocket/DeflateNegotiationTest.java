package org.pagi.protocol.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Negotiation (RFC 7692 section 7.1): the server reading offers, the client reading the answer, and the headers. */
class DeflateNegotiationTest {
    private static Optional<DeflateParams> offer(String... values) {
        return PerMessageDeflate.negotiate(List.of(values));
    }

    private static DeflateParams params(boolean snct, boolean cnct, int sbits, int cbits) {
        return new DeflateParams(snct, cnct, sbits, cbits);
    }

    @Nested
    class ServerReadsOffers {
        @Test
        void noOfferMeansNoCompression() {
            assertEquals(Optional.empty(), offer());
            assertEquals(Optional.empty(), offer("x-webkit-deflate-frame", "foo; bar=1"));
        }

        @Test
        void aPlainOfferIsAcceptedWithDefaults() {
            assertEquals(Optional.of(DeflateParams.defaults()), offer("permessage-deflate"));
            assertEquals("permessage-deflate", offer("permessage-deflate").orElseThrow().responseHeaderValue());
        }

        @Test
        void theBrowsersOfferIsAnsweredWithoutClientMaxWindowBits() {
            // A bare client_max_window_bits says the client could honour a limit; we set none (our inflater takes any).
            DeflateParams p = offer("permessage-deflate; client_max_window_bits").orElseThrow();
            assertEquals(DeflateParams.defaults(), p);
            assertEquals("permessage-deflate", p.responseHeaderValue());
        }

        @Test
        void eachParameterIsEchoed() {
            assertEquals("permessage-deflate; server_no_context_takeover",
                    offer("permessage-deflate; server_no_context_takeover").orElseThrow().responseHeaderValue());
            assertEquals("permessage-deflate; client_no_context_takeover",
                    offer("permessage-deflate; client_no_context_takeover").orElseThrow().responseHeaderValue());
            assertEquals("permessage-deflate; server_max_window_bits=10",
                    offer("permessage-deflate; server_max_window_bits=10").orElseThrow().responseHeaderValue());
            assertEquals("permessage-deflate; client_max_window_bits=12",
                    offer("permessage-deflate; client_max_window_bits=12").orElseThrow().responseHeaderValue());
        }

        @Test
        void answersAServerWindowOfFifteenBecauseAcceptingTheOfferMeansEchoingIt() {
            // RFC 7692 section 7.1.2.1; Python's websockets fails the connection when the answer leaves it out.
            assertEquals("permessage-deflate; server_max_window_bits=15",
                    offer("permessage-deflate; server_max_window_bits=15").orElseThrow().responseHeaderValue());
        }

        @Test
        void readsEveryParameterTogether() {
            assertEquals(Optional.of(params(true, true, 9, 11)), offer("permessage-deflate; server_no_context_takeover;"
                    + " client_no_context_takeover; server_max_window_bits=9; client_max_window_bits=11"));
            assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover;"
                    + " server_max_window_bits=9; client_max_window_bits=11", params(true, true, 9, 11).responseHeaderValue());
        }

        @Test
        void acceptsQuotedValuesWhitespaceAndAnyCase() {
            assertEquals(Optional.of(params(false, false, 10, 15)),
                    offer("Permessage-Deflate ;\tServer_Max_Window_Bits = \"10\" "));
        }

        @Test
        void acceptsAServerWindowOfEightBits() {
            DeflateParams p = offer("permessage-deflate; server_max_window_bits=8").orElseThrow();
            assertEquals(8, p.serverMaxWindowBits());
            try (PerMessageDeflate d = new PerMessageDeflate(p, true, 1024)) {
                assertEquals(true, d.huffmanOnly());
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "permessage-deflate; foo",
            "permessage-deflate; foo=1",
            "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
            "permessage-deflate; client_max_window_bits; client_max_window_bits=10",
            "permessage-deflate; server_no_context_takeover=1",
            "permessage-deflate; client_no_context_takeover=\"x\"",
            "permessage-deflate; server_max_window_bits",
            "permessage-deflate; server_max_window_bits=7",
            "permessage-deflate; server_max_window_bits=16",
            "permessage-deflate; server_max_window_bits=08",
            "permessage-deflate; server_max_window_bits=+9",
            "permessage-deflate; client_max_window_bits=abc",
            "permessage-deflate; client_max_window_bits=\"1 0\"",
            "permessage-deflate; client_max_window_bits=",
            "permessage-deflate; server_max_window_bits=\"10",
            "permessage-deflate server_no_context_takeover",
            "permessage-deflate;",
            "permessage-deflate; =10",
        })
        void declinesAnOfferWithAnUnknownRepeatedOrBadParameter(String bad) {
            assertEquals(Optional.empty(), offer(bad));
        }

        @Test
        void takesTheFirstAcceptableOfSeveralOffers() {
            assertEquals(Optional.of(params(true, false, 15, 15)), offer(
                    "permessage-deflate; server_max_window_bits=20, permessage-deflate; server_no_context_takeover,"
                            + " permessage-deflate"));
        }

        @Test
        void looksAcrossRepeatedHeaderFields() {
            assertEquals(Optional.of(params(false, false, 9, 15)),
                    offer("foo, permessage-deflate; x=\"a,b;c\"", "bar; y", "permessage-deflate; server_max_window_bits=9"));
        }

        @Test
        void skipsAMalformedElementAndKeepsTheRest() {
            assertEquals(Optional.of(DeflateParams.defaults()), offer("a;;b, , permessage-deflate,"));
        }
    }

    @Nested
    class ClientReadsTheAnswer {
        @Test
        void acceptsEveryAnswerTheServerWrites() {
            for (boolean snct : new boolean[] {false, true}) {
                for (boolean cnct : new boolean[] {false, true}) {
                    for (int bits = 8; bits <= 15; bits++) {
                        DeflateParams p = params(snct, cnct, bits, 23 - bits);
                        assertEquals(Optional.of(p), PerMessageDeflate.acceptResponse(p.responseHeaderValue()));
                    }
                }
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "x-other", "permessage-deflate, permessage-deflate", "permessage-deflate; foo",
            "permessage-deflate; client_max_window_bits", "permessage-deflate; server_max_window_bits=16",
            "permessage-deflate; server_no_context_takeover; server_no_context_takeover", "permessage-deflate;;"})
        void rejectsAnAnswerItCannotAccept(String bad) {
            assertEquals(Optional.empty(), PerMessageDeflate.acceptResponse(bad));
        }
    }

    @Nested
    class HeaderValues {
        @Test
        void theDefaultOfferAsksForNothingAndAllowsAnyClientWindow() {
            assertEquals("permessage-deflate; client_max_window_bits", DeflateParams.defaults().offerHeaderValue());
        }

        @Test
        void anOfferRoundTripsThroughNegotiation() {
            DeflateParams p = params(true, true, 12, 9);
            assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover;"
                    + " server_max_window_bits=12; client_max_window_bits=9", p.offerHeaderValue());
            assertEquals(Optional.of(p), offer(p.offerHeaderValue()));
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, 0, 7, 16})
        void rejectsWindowBitsOutsideEightToFifteen(int bits) {
            assertThrows(IllegalArgumentException.class, () -> params(false, false, bits, 15));
            assertThrows(IllegalArgumentException.class, () -> params(false, false, 15, bits));
        }
    }
}
