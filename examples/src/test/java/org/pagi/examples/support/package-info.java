/**
 * What every example test shares: the transport seam ({@link org.pagi.examples.support.ExampleClient}, with
 * requests and responses as plain values), its in-process implementation over the test client, the
 * {@link org.pagi.examples.support.ExampleChecks} base of every example's checks, and an event
 * {@link org.pagi.examples.support.Recorder}. Imports spec, testing and JUnit.
 */
package org.pagi.examples.support;
