package org.pagi.jmh.load;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What {@link AttackLoad}'s connections do: the bytes each sends first, the bytes it adds every interval, and
 * whether it reads what the server answers.
 */
enum Attack {
    SLOWLORIS("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n", "X-Slow: a\r\n", true),
    SLOW_BODY("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Length: 1048576\r\n\r\n", "x", true),
    NO_READ("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n", "", false),
    FLOOD("", "", true);

    final byte[] opening;
    final byte[] trickle;
    final boolean reads;

    Attack(String opening, String trickle, boolean reads) {
        this.opening = opening.getBytes(StandardCharsets.US_ASCII);
        this.trickle = trickle.getBytes(StandardCharsets.US_ASCII);
        this.reads = reads;
    }

    static Attack named(String name) {
        for (Attack a : values()) {
            if (a.label().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("--attack is slowloris, slow-body, no-read or flood, got " + name);
    }

    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
