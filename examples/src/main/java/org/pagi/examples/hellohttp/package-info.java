/**
 * Example 01, hello HTTP: the smallest application, one response start and one body. Imports
 * {@code org.pagi.spec} only. See {@code examples/01-hello-http/README.md}.
 */
package org.pagi.examples.hellohttp;
