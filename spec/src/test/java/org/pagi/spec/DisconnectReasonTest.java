package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DisconnectReasonTest {

    @Nested
    class StandardTokens {
        @Test
        void theStandardSetIsTheSpecVocabulary() {
            assertEquals(Set.of("client_closed", "client_timeout", "idle_timeout", "keepalive_timeout",
                    "write_timeout", "write_error", "read_error", "protocol_error", "server_shutdown", "server_error",
                    "body_too_large", "queue_overflow"), DisconnectReason.STANDARD);
        }

        @Test
        void everyConstantIsStandardAndDistinct() {
            List<DisconnectReason> constants = List.of(DisconnectReason.CLIENT_CLOSED, DisconnectReason.CLIENT_TIMEOUT,
                    DisconnectReason.IDLE_TIMEOUT, DisconnectReason.KEEPALIVE_TIMEOUT, DisconnectReason.WRITE_TIMEOUT,
                    DisconnectReason.WRITE_ERROR, DisconnectReason.READ_ERROR, DisconnectReason.PROTOCOL_ERROR,
                    DisconnectReason.SERVER_SHUTDOWN, DisconnectReason.SERVER_ERROR, DisconnectReason.BODY_TOO_LARGE,
                    DisconnectReason.QUEUE_OVERFLOW);
            for (DisconnectReason r : constants) {
                assertTrue(r.isStandard(), r.token());
            }
            assertEquals(DisconnectReason.STANDARD.size(), Set.copyOf(constants).size());
        }

        @Test
        void aStandardTokenBuiltByHandEqualsItsConstant() {
            assertEquals(DisconnectReason.CLIENT_CLOSED, new DisconnectReason("client_closed"));
        }

        @Test
        void printsAsTheBareToken() {
            assertEquals("write_error", DisconnectReason.WRITE_ERROR.toString());
        }
    }

    @Nested
    class CustomTokens {
        @Test
        void acceptsAnXPrefixedTokenAsNonStandard() {
            DisconnectReason r = new DisconnectReason("x-upstream_gone");
            assertFalse(r.isStandard());
            assertEquals("x-upstream_gone", r.token());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "x-", "closed", "CLIENT_CLOSED", "X-custom", "client closed"})
        void rejectsTokensThatAreNeitherStandardNorXPrefixed(String token) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new DisconnectReason(token));
            assertEquals("'" + token + "' is not a standard disconnect reason and lacks the x- prefix of a custom one",
                    e.getMessage());
        }
    }
}
