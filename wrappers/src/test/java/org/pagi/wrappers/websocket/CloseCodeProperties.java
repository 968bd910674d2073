package org.pagi.wrappers.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.pagi.spec.event.WebSocketClose;

/** CloseCode agrees with RFC 6455 7.4 and with the spec's own websocket.close event, for every code and reason. */
class CloseCodeProperties {

    @Property(tries = 2000)
    void aCodeIsSendableExactlyWhenRfc6455AllowsItAndTheSpecEventAgrees(@ForAll @IntRange(min = -10, max = 6000) int code) {
        boolean rfc = code >= 1000 && code <= 4999 && code != 1004 && code != 1005 && code != 1006 && code != 1015
                && !(code >= 1016 && code <= 2999);
        assertEquals(rfc, CloseCode.isSendable(code));
        boolean eventAccepts;
        try {
            new WebSocketClose(code, "");
            eventAccepts = true;
        } catch (IllegalArgumentException e) {
            eventAccepts = false;
        }
        assertEquals(rfc, eventAccepts, "CloseCode and WebSocketClose must agree, or close() would throw late");
        if (!rfc) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CloseCode.check(code, ""));
            assertEquals(true, e.getMessage().startsWith("close code " + code + " may not be sent"));
        }
    }

    @Property(tries = 500)
    void aReasonFitsExactlyWhenItsUtf8IsAtMost123Bytes(@ForAll @StringLength(max = 130) String reason) {
        int bytes = reason.getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= CloseCode.MAX_REASON_BYTES) {
            CloseCode.check(1000, reason);
        } else {
            assertThrows(IllegalArgumentException.class, () -> CloseCode.check(1000, reason));
        }
    }

    @Property(tries = 500)
    void aTextMessagesSizeIsItsUtf8Length(@ForAll @StringLength(max = 200) String text) {
        // Message.size() counts without encoding; lone surrogates encode as '?' (1 byte) but count as 3: only
        // well-formed text is compared.
        String wellFormed = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        if (wellFormed.equals(text)) {
            assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Message.text(text).size());
        }
    }
}
