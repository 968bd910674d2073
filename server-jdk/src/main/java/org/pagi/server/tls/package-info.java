/**
 * TLS for the server, the only package that imports {@code javax.net.ssl}: {@link org.pagi.server.tls.TlsSettings}
 * (what to serve with), {@link org.pagi.server.tls.TlsContext} (the files read and checked, once, at start) and
 * {@link org.pagi.server.tls.TlsSession} (one connection's {@code SSLEngine} as a bytes-to-bytes layer: no
 * sockets, threads or HTTP). PEM keys and certificates are read with JDK APIs only ({@code Pem},
 * {@code PrivateKeys}, {@code KeyMaterial}). The transport drives sessions; start reading at {@code TlsSession}.
 */
package org.pagi.server.tls;
