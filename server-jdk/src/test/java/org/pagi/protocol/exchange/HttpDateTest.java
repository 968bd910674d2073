package org.pagi.protocol.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class HttpDateTest {
    @Test
    void formatsAnImfFixdate() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", new HttpDate().at(784111777000L));
    }

    @Test
    void formatsEachSecondOnce() {
        HttpDate d = new HttpDate();
        String first = d.at(784111777000L);
        assertSame(first, d.at(784111777999L));
        assertEquals("Sun, 06 Nov 1994 08:49:38 GMT", d.at(784111778000L));
    }
}
