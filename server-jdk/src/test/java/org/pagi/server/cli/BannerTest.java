package org.pagi.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pagi.server.ServerConfig;
import org.pagi.spec.PagiInfo;

class BannerTest {
    private static final ServerConfig CONFIG = ServerConfig.builder().port(0).loops(2).build();

    @Test
    void showsTheBoundPortRatherThanTheOneAskedFor() {
        assertEquals("http://127.0.0.1:43210", Banner.url(CONFIG, new InetSocketAddress("127.0.0.1", 43210)));
    }

    @Test
    void bracketsAnIpv6Host() {
        ServerConfig c = CONFIG.toBuilder().host("::1").build();
        assertEquals("http://[::1]:8000", Banner.url(c, new InetSocketAddress("::1", 8000)));
    }

    @Test
    void showsAUnixSocketPath() {
        assertEquals("unix:/tmp/pagi.sock", Banner.url(CONFIG, UnixDomainSocketAddress.of(Path.of("/tmp/pagi.sock"))));
    }

    @Test
    void listsWhatAnOperatorNeedsToKnow() {
        String text = Banner.text("com.example.App", CONFIG.toBuilder().accessLog(false).build(),
                new InetSocketAddress("127.0.0.1", 5000));
        for (String expected : new String[] {"app           com.example.App", "listening     http://127.0.0.1:5000",
            "loops         2, virtual-threads", "PAGI spec     " + PagiInfo.VERSION, "Java          "
                    + Runtime.version(), "TLS           off", "access log    off", "proxy headers off"}) {
            assertTrue(text.contains(expected), () -> expected + " missing from:\n" + text);
        }
    }

    @Test
    void saysDevWhenRunFromCompiledClasses() {
        assertEquals("dev", Banner.version());
        assertTrue(Banner.versionLine().startsWith("pagi-server dev (PAGI spec " + PagiInfo.VERSION + ", Java "));
    }
}
