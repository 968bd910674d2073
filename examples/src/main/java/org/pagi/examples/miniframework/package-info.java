/**
 * The mini-framework example: {@code Nano}, a web framework in under a hundred lines on the spec alone, and an
 * application written with it. See {@code examples/mini-framework/README.md}.
 */
package org.pagi.examples.miniframework;
