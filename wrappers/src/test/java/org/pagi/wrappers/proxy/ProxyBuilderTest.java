package org.pagi.wrappers.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.PagiInfo;
import org.pagi.spec.State;
import org.pagi.spec.UnsupportedScopeException;

/** Every bad option is refused by name, before a request is served; scopes the proxy cannot serve are refused. */
class ProxyBuilderTest {

    @Test
    void aBackendMustBeAPlainHttpOrHttpsUri() {
        refused("backend must be an http or https URI", () -> Proxy.to("ftp://files.test/"));
        refused("backend must be an http or https URI", () -> Proxy.to("/relative"));
        refused("backend has no host", () -> Proxy.to("http:///x"));
        refused("backend must not carry user info", () -> Proxy.to("http://user:pw@api.test/"));
        refused("backend must not have a query or fragment", () -> Proxy.to("http://api.test/?k=v"));
        refused("backend is not a URI", () -> Proxy.to("http://api test/"));
        assertEquals("https://api.test:8443/v1", Proxy.to("https://api.test:8443/v1").build().backend().toString());
    }

    @Test
    void timeoutsAndTheBodyLimitAreChecked() {
        refused("timeout must be positive", () -> Proxy.to("http://a.test").timeout(Duration.ZERO));
        refused("connectTimeout must be positive", () -> Proxy.to("http://a.test").connectTimeout(Duration.ofSeconds(-1)));
        refused("maxRequestBody must be >= 0", () -> Proxy.to("http://a.test").maxRequestBody(-1));
    }

    @Test
    void extraHeadersCannotBeHopByHopOrSetByTheClient() {
        for (String name : new String[] {"Host", "content-length", "Connection", "upgrade", "expect", "keep-alive",
                "TE", "trailer", "transfer-encoding", "proxy-authorization"}) {
            refused("header '" + name.toLowerCase() + "' cannot be added", () -> Proxy.to("http://a.test").header(name, "x"));
        }
        refused("header name has an invalid character", () -> Proxy.to("http://a.test").header("bad name", "x"));
    }

    @Test
    void theLifespanIsNotTheProxysBusiness() {
        try (Proxy proxy = Proxy.to("http://a.test").build()) {
            assertThrows(UnsupportedScopeException.class, () -> proxy.call(
                    new LifespanScope(PagiInfo.current(), new State()),
                    () -> new CompletableFuture<>(), e -> CompletableFuture.completedFuture(null)));
        }
    }

    private static void refused(String expected, Executable option) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, option);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
