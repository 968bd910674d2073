/**
 * What application authors write against instead of raw {@code (scope, receive, send)}, and the blocking handler
 * mode: {@link org.pagi.wrappers.Blocking} turns a wrapper's {@code CompletionStage} into a plain value on a
 * virtual thread and refuses to block a server's I/O loop; {@link org.pagi.wrappers.BlockingApplication} is a
 * handler written that way. {@link org.pagi.wrappers.ScopeView} is what every wrapper of a request scope reads
 * alike: path, headers, query, cookies, {@code Accept}, path parameters, state and stash. The subpackages hold the parsers ({@code http}), the router ({@code routing}),
 * {@code request}, {@code response} and {@code json}.
 */
package org.pagi.wrappers;
