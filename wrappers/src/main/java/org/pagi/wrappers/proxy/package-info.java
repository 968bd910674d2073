/**
 * A streaming reverse proxy, {@link org.pagi.wrappers.proxy.Proxy}: an {@code http} (or {@code sse}) request is
 * forwarded to one backend with the JDK's {@code java.net.http.HttpClient}. Both bodies stream with backpressure:
 * the request body is pulled from {@code receive} only as fast as the backend takes it, and the next piece of the
 * response is asked for only when the previous {@code send} completed. Hop-by-hop headers are removed both ways,
 * {@code Forwarded} and {@code X-Forwarded-*} are added, and failures have their own statuses (502, 504, 413).
 */
package org.pagi.wrappers.proxy;
