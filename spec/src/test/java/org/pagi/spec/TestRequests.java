package org.pagi.spec;

import java.util.Optional;
import org.pagi.spec.server.ConnectionTracker;
import org.pagi.spec.server.FlowTracker;

/** Small builders for the request parts that scope tests need; each call returns fresh objects. */
public final class TestRequests {
    private TestRequests() {
    }

    /** @return a {@code GET /} request info with the given scheme and no headers */
    public static RequestInfo request(String scheme) {
        return new RequestInfo("1.1", "GET", scheme, "/", Bytes.ascii("/"), Bytes.empty(), "", Headers.empty(),
                Optional.empty(), Optional.empty());
    }

    /** @return a fresh {@code http} scope over {@code state} */
    public static HttpScope httpScope(State state, Extensions extensions) {
        return new HttpScope(PagiInfo.current(), request("http"), state, extensions, new ConnectionTracker(),
                new FlowTracker(), java.util.Map.of());
    }
}
