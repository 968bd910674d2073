package org.pagi.jmh.wrappers;

import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.RequestInfo;
import org.pagi.spec.State;
import org.pagi.spec.server.ConnectionInfo;
import org.pagi.spec.server.ConnectionTracker;
import org.pagi.spec.server.FlowTracker;
import org.pagi.spec.server.RequestHead;
import org.pagi.spec.server.ScopeFactory;

/** Prebuilt {@code http} scopes for benchmarks that call an application directly, built as the server builds them. */
public final class HttpScopes {
    private static final State STATE = new State();

    private HttpScopes() {
    }

    /**
     * @param method              the request method
     * @param target              the request target, path and query
     * @param namesAndValues      more request headers after {@code host: localhost}, as name, value pairs
     * @return the scope a plain-HTTP server would give that request
     */
    public static HttpScope of(String method, String target, String... namesAndValues) {
        return perRequest(info(method, target, namesAndValues), new ConnectionTracker());
    }

    /**
     * @param info       the parsed request, shared by every request of a benchmark
     * @param connection this request's own {@code pagi.connection}, as a server makes one per request
     * @return the scope a plain-HTTP server would give that request
     */
    public static HttpScope perRequest(RequestInfo info, ConnectionTracker connection) {
        return ScopeFactory.http(info, STATE, Extensions.none(), connection, new FlowTracker());
    }

    /** @return the parsed request of {@link #of}, to build many scopes from with {@link #perRequest} */
    public static RequestInfo info(String method, String target, String... namesAndValues) {
        String[] all = new String[namesAndValues.length + 2];
        all[0] = "host";
        all[1] = "localhost";
        System.arraycopy(namesAndValues, 0, all, 2, namesAndValues.length);
        RequestHead head = new RequestHead(method, Bytes.ascii(target), "1.1", Headers.of(all));
        ConnectionInfo connection = new ConnectionInfo(false, Optional.empty(), Optional.empty(), "");
        return ScopeFactory.requestInfo(head, connection, ScopeFactory.Kind.HTTP);
    }
}
