/**
 * Example 06, lifespan state: a value stored at lifespan startup and read by every request. Imports
 * {@code org.pagi.spec} only. See {@code examples/06-lifespan-state/README.md}.
 */
package org.pagi.examples.lifespanstate;
