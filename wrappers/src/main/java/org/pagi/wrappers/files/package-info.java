/**
 * The one static-file implementation, shared by the {@code StaticFiles} middleware and the
 * {@link org.pagi.wrappers.apps.File} and {@link org.pagi.wrappers.apps.Directory} applications:
 * {@link org.pagi.wrappers.files.StaticPaths} (the request-path rules), {@link org.pagi.wrappers.files.StaticRoot}
 * (a directory or classpath folder, and containment by path segments) and {@link org.pagi.wrappers.files.StaticSite}
 * (what a request names: a file, a redirect to the slash form, an index file, an unindexed folder, a miss). The
 * response side, validators, conditional requests and byte ranges, is {@link org.pagi.wrappers.response.FileResponse}.
 */
package org.pagi.wrappers.files;
