/**
 * Example app-01-file, a static folder served by the wrappers' {@code File} application: index file, content types,
 * {@code ETag} and 304, ranges, traversal refused. See {@code examples/app-01-file/README.md}.
 */
package org.pagi.examples.appfile;
