/**
 * Ready-made applications, each an ordinary {@link org.pagi.spec.Application} built with a builder that refuses a
 * bad option by name: {@link org.pagi.wrappers.apps.URLMap} (mount applications at path prefixes),
 * {@link org.pagi.wrappers.apps.Cascade} (try applications in order until one does not answer 404 or 405),
 * {@link org.pagi.wrappers.apps.NotFound} (a fixed error answer), {@link org.pagi.wrappers.apps.Redirect} (a fixed
 * or computed redirect), {@link org.pagi.wrappers.apps.Throttle} (a token-bucket rate limit around an
 * application, sharing {@link org.pagi.wrappers.limit} with the {@code RateLimit} middleware),
 * {@link org.pagi.wrappers.apps.File} (static files) and {@link org.pagi.wrappers.apps.Directory} (static files and
 * folder listings), both on {@link org.pagi.wrappers.files}, the lookup the {@code StaticFiles} middleware runs on.
 * The health check application is the {@code Healthcheck} middleware's {@code app()}, in the middleware module.
 * The real-time ones share a {@link org.pagi.wrappers.apps.Channel} (publish and subscribe by topic;
 * {@link org.pagi.wrappers.apps.InMemoryChannel} in process): {@link org.pagi.wrappers.apps.WebSocketEcho},
 * {@link org.pagi.wrappers.apps.WebSocketBroadcast}, {@link org.pagi.wrappers.apps.WebSocketChat} and
 * {@link org.pagi.wrappers.apps.SsePubsub}.
 */
package org.pagi.wrappers.apps;
