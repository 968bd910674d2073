package org.pagi.spec.server;

import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Endpoint;

/**
 * What the transport knows about the connection a request came on: the input of {@link ScopeFactory} beside
 * the {@link RequestHead}.
 *
 * @param secure   whether the connection is TLS (gives {@code https}/{@code wss})
 * @param client   the peer's address, when known
 * @param server   the local address, when known
 * @param rootPath the mount point configured for the application; empty for none
 */
public record ConnectionInfo(boolean secure, Optional<Endpoint> client, Optional<Endpoint> server, String rootPath) {
    /** Checks for nulls and the root path's form. */
    public ConnectionInfo {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(rootPath, "rootPath");
        if (!rootPath.isEmpty() && (!rootPath.startsWith("/") || rootPath.endsWith("/"))) {
            throw new IllegalArgumentException("rootPath must be empty or start with / and not end with /, got '"
                    + rootPath + "'");
        }
    }
}
