package org.pagi.wrappers.websocket;

import java.util.Objects;
import org.pagi.spec.Bytes;

/** One whole WebSocket message: text or bytes (fragments already joined by the server). */
public sealed interface Message extends Received permits Message.Text, Message.Binary {

    /** @return the payload size in bytes (UTF-8 for text), as the per-message limit counts it */
    int size();

    /** A text message. @param text the decoded text */
    record Text(String text) implements Message {
        /** Checks for null. */
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public int size() {
            return utf8Length(text);
        }
    }

    /** A binary message. @param bytes the payload */
    record Binary(Bytes bytes) implements Message {
        /** Checks for null. */
        public Binary {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public int size() {
            return bytes.length();
        }
    }

    /** @return the UTF-8 length of {@code s}, without encoding it (a lone surrogate counts as its 3-byte '?') */
    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** @return a text message */
    static Message text(String text) {
        return new Text(text);
    }

    /** @return a binary message */
    static Message bytes(Bytes bytes) {
        return new Binary(bytes);
    }
}
