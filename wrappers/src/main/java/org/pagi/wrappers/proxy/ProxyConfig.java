package org.pagi.wrappers.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;

/**
 * A proxy's settings, checked by {@link Proxy.Builder}.
 *
 * @param backend         where requests go: scheme, authority and an optional base path
 * @param connectTimeout  how long connecting to the backend may take (then 504)
 * @param timeout         how long the backend may take to send its response head (then 504)
 * @param maxRequestBody  the largest request body forwarded, in bytes (larger: 413)
 * @param appendForwarded whether the client's {@code Forwarded} / {@code X-Forwarded-For} chains are extended
 * @param extraHeaders    fields added to every backend request, replacing the client's of the same name
 */
record ProxyConfig(URI backend, Duration connectTimeout, Duration timeout, long maxRequestBody,
        boolean appendForwarded, Headers extraHeaders) {

    /** @return the lower-case names of the extra headers */
    Set<String> extraNames() {
        return extraHeaders.stream().map(Header::name).collect(Collectors.toUnmodifiableSet());
    }
}
