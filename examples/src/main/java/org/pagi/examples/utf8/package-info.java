/**
 * Example 12, UTF-8: text in the path, the query string and a form body echoed with its character, byte and code
 * point counts. Written with the wrappers. See {@code examples/12-utf8/README.md}.
 */
package org.pagi.examples.utf8;
