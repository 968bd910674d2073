package org.pagi.wrappers;

import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.State;
import org.pagi.spec.server.ConnectionInfo;
import org.pagi.spec.server.ConnectionTracker;
import org.pagi.spec.server.FlowTracker;
import org.pagi.spec.server.RequestHead;
import org.pagi.spec.server.ScopeFactory;

/** Scopes built as a server builds them, for tests that drive a request's {@code pagi.connection} by hand. */
public final class HttpScopes {
    private HttpScopes() {
    }

    /** @return the scope of {@code method /} on plain HTTP whose {@code pagi.connection} is {@code connection} */
    public static HttpScope of(String method, ConnectionTracker connection) {
        return of(method, connection, Headers.empty());
    }

    /** @return the same with {@code more} request headers after {@code host} */
    public static HttpScope of(String method, ConnectionTracker connection, Headers more) {
        Headers headers = Headers.builder().add("host", "localhost").addAll(more).build();
        RequestHead head = new RequestHead(method, Bytes.ascii("/"), "1.1", headers);
        ConnectionInfo info = new ConnectionInfo(false, Optional.empty(), Optional.empty(), "");
        return ScopeFactory.http(ScopeFactory.requestInfo(head, info, ScopeFactory.Kind.HTTP), new State(),
                Extensions.none(), connection, new FlowTracker());
    }
}
