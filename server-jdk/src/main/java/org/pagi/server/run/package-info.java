/**
 * Running applications: {@link org.pagi.server.run.AppInvoker} (on the loop or on virtual threads),
 * {@link org.pagi.server.run.LifespanRunner}, the access log ({@code AccessLog}, {@code AccessLogFormat}) and the
 * trusted proxy headers ({@code ProxyHeaders}, {@code TrustedProxies}). Imports the protocol packages, the
 * transport's loop type and the spec.
 */
package org.pagi.server.run;
