package org.pagi.wrappers.sse;

import org.pagi.spec.Headers;
import org.pagi.wrappers.response.Response;

/** The headers of a decline response, set as {@link Response#respond} sets them for an http response. */
final class DeclineHeaders {

    private DeclineHeaders() {
    }

    /** The response's headers, {@code content-length} from its body (none for 1xx, 204, 304), its cookies. */
    static Headers of(Response response, String scheme) {
        Headers.Builder all = Headers.builder().addAll(response.headers().without("content-length"));
        int status = response.status();
        if (status >= 200 && status != 204 && status != 304) {
            all.add("content-length", Integer.toString(response.body().length()));
        }
        boolean secure = "https".equals(scheme);
        response.cookies().forEach(c -> all.add("set-cookie", (secure ? c.withSecure(true) : c).headerValue()));
        return all.build();
    }
}
