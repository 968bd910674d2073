/**
 * The functional router: {@link org.pagi.wrappers.routing.Router}, an {@link org.pagi.spec.Application} built
 * with {@link org.pagi.wrappers.routing.RouterBuilder} from path templates
 * ({@link org.pagi.wrappers.routing.PathTemplate}) and handlers that are themselves applications, wrapped in
 * {@link org.pagi.wrappers.routing.Middleware}. Matching walks a segment trie, so its cost follows the path's
 * depth, not the number of routes. No reflection, no annotations.
 */
package org.pagi.wrappers.routing;
