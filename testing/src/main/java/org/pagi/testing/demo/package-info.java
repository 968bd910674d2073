/**
 * A runnable tour of PAGI for newcomers: {@link org.pagi.testing.demo.Demo} drives the example
 * {@link org.pagi.testing.demo.HelloApp} through the in-process test client and prints every scope and event
 * ({@code bin/pagi-demo}). {@link org.pagi.testing.demo.Transcript} is the printing wrapper.
 *
 * <p>Imports the spec and {@code org.pagi.testing}, like any test of an application would. Start reading at
 * {@code HelloApp}, then {@code Demo.run}.
 */
package org.pagi.testing.demo;
