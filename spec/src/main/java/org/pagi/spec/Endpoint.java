package org.pagi.spec;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A scope's {@code client} or {@code server} address: a host and port, or a Unix-domain socket path with no port.
 *
 * @param host the IP address or host name, or the socket path
 * @param port the TCP port; empty for a Unix-domain socket
 */
public record Endpoint(String host, OptionalInt port) {

    /** Validates the port range. */
    public Endpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        if (port.isPresent() && (port.getAsInt() < 0 || port.getAsInt() > 65535)) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port.getAsInt());
        }
    }

    /** @return a TCP endpoint */
    public static Endpoint of(String host, int port) {
        return new Endpoint(host, OptionalInt.of(port));
    }

    /** @return a Unix-domain socket endpoint */
    public static Endpoint unixSocket(String path) {
        return new Endpoint(path, OptionalInt.empty());
    }

    @Override
    public String toString() {
        return port.isPresent() ? host + ":" + port.getAsInt() : host;
    }
}
