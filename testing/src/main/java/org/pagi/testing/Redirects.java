package org.pagi.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows redirects the way browsers and {@code java.net.http} do: 301, 302 and 303 become a GET without a
 * body (except that 301 and 302 keep HEAD), 307 and 308 repeat the method and body. Set-Cookie of every hop
 * reaches the jar. At most {@link #MAX_HOPS} hops, then the test fails: that is a loop.
 */
final class Redirects {
    /** The limit of browsers and of {@code java.net.http} (which allows 5 by default; Chrome 20). */
    static final int MAX_HOPS = 20;

    private Redirects() {
    }

    static TestResponse follow(TestClient client, HttpRequestBuilder first, TestResponse response) {
        List<TestResponse> history = new ArrayList<>();
        HttpRequestBuilder request = first;
        String path = first.path();
        while (isRedirect(response.status())) {
            if (history.size() == MAX_HOPS) {
                throw new AssertionError("more than " + MAX_HOPS + " redirects; last location "
                        + response.header("location").orElse("(none)"));
            }
            int status = response.status();
            String location = response.header("location").orElseThrow(() -> new AssertionError(
                    "status " + status + " without a location header"));
            history.add(response);
            int s = response.status();
            boolean keep = s == 307 || s == 308;
            String method = keep || request.method.equals("HEAD") ? request.method : "GET";
            String target = resolve(path, location);
            request = request.redirectAs(method, target, keep);
            path = request.path();
            response = request.followRedirects(false).send();
        }
        return history.isEmpty() ? response : response.withHistory(history);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Resolves a relative location against the current path (RFC 3986 section 5.2, paths only). */
    static String resolve(String currentPath, String location) {
        if (location.startsWith("/") || location.contains("://")) {
            return location;
        }
        int slash = currentPath.lastIndexOf('/');
        return currentPath.substring(0, slash + 1) + location;
    }
}
