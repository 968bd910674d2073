package org.pagi.wrappers.bridge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.pagi.spec.Endpoint;
import org.pagi.spec.server.IpLiteral;

/** Scope endpoints to socket addresses and back, never asking DNS. */
final class Addresses {
    private Addresses() {
    }

    /** @return the socket address of {@code endpoint}: resolved for an IP literal, unresolved otherwise; null if absent */
    static InetSocketAddress toSocket(Optional<Endpoint> endpoint) {
        if (endpoint.isEmpty()) {
            return null;
        }
        Endpoint e = endpoint.get();
        int port = e.port().orElse(0);
        Optional<byte[]> ip = IpLiteral.parse(e.host());
        if (ip.isPresent()) {
            try {
                return new InetSocketAddress(InetAddress.getByAddress(ip.get()), port);
            } catch (UnknownHostException impossible) { // only for a wrong array length, which parse never gives
                throw new IllegalStateException(impossible);
            }
        }
        return InetSocketAddress.createUnresolved(e.host(), port);
    }

    /** @return the endpoint of {@code address}: its IP literal (or unresolved host name) and port */
    static Optional<Endpoint> toEndpoint(InetSocketAddress address) {
        if (address == null) {
            return Optional.empty();
        }
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        int zone = host.indexOf('%');
        return Optional.of(Endpoint.of(zone < 0 ? host : host.substring(0, zone), address.getPort()));
    }
}
