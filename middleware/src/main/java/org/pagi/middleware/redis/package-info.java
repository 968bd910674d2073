/**
 * Redis backends for running several server instances as one: a {@link org.pagi.wrappers.apps.Channel} (publish
 * and subscribe, patterns, presence, history on Redis Streams), a session store and a rate-limit store. Built on
 * the Lettuce client, an optional dependency: an application that uses this package declares
 * {@code io.lettuce:lettuce-core} itself. {@link org.pagi.middleware.redis.Redis} holds the connections they share.
 */
package org.pagi.middleware.redis;
