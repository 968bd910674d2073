/**
 * Example 07, the {@code fullflush} extension: an application that asks the server to flush after each chunk,
 * only when the server advertises it can. Imports {@code org.pagi.spec} only. See
 * {@code examples/07-extension-fullflush/README.md}.
 */
package org.pagi.examples.extensionfullflush;
