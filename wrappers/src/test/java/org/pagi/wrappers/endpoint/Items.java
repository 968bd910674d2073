package org.pagi.wrappers.endpoint;

import static java.util.concurrent.CompletableFuture.completedFuture;

import java.util.concurrent.CompletionStage;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;

/** The same HTTP endpoint (GET, POST, DELETE) with async and with blocking handlers. */
final class Items {

    private Items() {
    }

    static HttpEndpoint of(Mode mode) {
        return mode.pick(Async::new, Blocking::new);
    }

    static final class Async extends HttpEndpoint {
        @Override
        protected void methods(Methods m) {
            m.get(this::list).post(this::create).delete(this::remove);
        }

        CompletionStage<Response> list(Request req) {
            return completedFuture(Response.text("items at " + req.path()));
        }

        CompletionStage<Response> create(Request req) {
            return req.text().thenApply(body -> Response.text("added " + body).withStatus(201));
        }

        CompletionStage<Response> remove(Request req) {
            return completedFuture(Response.empty());
        }
    }

    static final class Blocking extends HttpEndpoint {
        @Override
        protected void methods(Methods m) {
            m.get(this::list).post(this::create).delete(this::remove);
        }

        Response list(Request req) {
            return Response.text("items at " + req.path());
        }

        Response create(Request req) {
            return Response.text("added " + req.blocking().text()).withStatus(201);
        }

        Response remove(Request req) {
            return Response.empty();
        }
    }
}
