/**
 * The PAGI interface in Java: {@link org.pagi.spec.Application}, {@link org.pagi.spec.Receive},
 * {@link org.pagi.spec.Send}, the sealed {@link org.pagi.spec.Scope} family, and the value types they carry
 * ({@link org.pagi.spec.Headers}, {@link org.pagi.spec.Bytes}, {@link org.pagi.spec.State}, ...).
 *
 * <p>Imports only {@code java.base}. Events live in {@code org.pagi.spec.event}, their legal order in
 * {@code org.pagi.spec.order}, and the code servers share in {@code org.pagi.spec.server}. Start reading at
 * {@code Application}. A complete application:
 * <pre>{@code
 * Application hello = (scope, receive, send) -> switch (scope) {
 *     case HttpScope http -> send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
 *             .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("Hello from PAGI!"))));
 *     case LifespanScope life -> CompletableFuture.failedFuture(new UnsupportedScopeException(life));
 *     default -> CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
 * };
 * }</pre>
 * The specification in words is in {@code spec/docs/}.
 */
package org.pagi.spec;
