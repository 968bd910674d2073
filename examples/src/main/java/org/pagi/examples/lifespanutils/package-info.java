/**
 * Example 14, lifespan hooks with the wrappers' {@code Lifespan}: startup and shutdown hooks around a plain-text
 * HTTP application. See {@code examples/14-lifespan-utils/README.md}.
 */
package org.pagi.examples.lifespanutils;
