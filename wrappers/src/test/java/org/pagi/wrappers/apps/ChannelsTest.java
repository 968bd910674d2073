package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Choosing a channel by URL: memory: with and without history, and the refusals naming what is wrong. */
class ChannelsTest {

    @Test
    void memoryOpensAnInMemoryChannelWithTheHistoryAsked() {
        Channel plain = Channels.open("memory:");
        assertInstanceOf(InMemoryChannel.class, plain);
        assertEquals(0, plain.historyLength());
        assertEquals(250, Channels.open("memory:?history=250").historyLength());
        assertEquals(7, Channels.open("MEMORY://?history=7").historyLength(), "the scheme in any case, // allowed");
        assertEquals(0, Channels.open("memory://").historyLength());
    }

    @Test
    void aBadMemoryParameterIsRefusedNamingIt() {
        assertMessage("channel URL 'memory:?histroy=5': unknown parameter 'histroy' (memory: takes history=N)",
                "memory:?histroy=5");
        assertMessage("channel URL 'memory:?history=lots': history must be a whole number, got 'lots'",
                "memory:?history=lots");
        assertMessage("channel URL 'memory:?history=100001': history must be 0 to 100000 messages, got 100001",
                "memory:?history=100001");
        assertMessage("channel URL 'memory://host' is malformed: memory: takes no host or path, only ?history=N",
                "memory://host");
    }

    @Test
    void anUnknownSchemeAndAMalformedUrlAreRefusedNamingThem() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Channels.open("kafka://broker:9092"));
        assertTrue(unknown.getMessage().startsWith("channel URL 'kafka://broker:9092': no channel for scheme"
                + " 'kafka'"), unknown.getMessage());
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> Channels.open("redis://host name:6379"));
        assertTrue(malformed.getMessage().startsWith("channel URL 'redis://host name:6379' is malformed"),
                malformed.getMessage());
        IllegalArgumentException noScheme = assertThrows(IllegalArgumentException.class,
                () -> Channels.open("localhost"));
        assertTrue(noScheme.getMessage().contains("has no scheme"), noScheme.getMessage());
    }

    private static void assertMessage(String expected, String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Channels.open(url));
        assertEquals(expected, e.getMessage());
    }
}
