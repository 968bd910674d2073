/**
 * The JUnit 5 extension of the test client: {@link org.pagi.testing.junit.PagiTest} and
 * {@link org.pagi.testing.junit.PagiExtension} hand tests a {@link org.pagi.testing.TestClient} and run the
 * lifespan around a class. The only package of the kit that imports JUnit. Start at {@code PagiTest}.
 */
package org.pagi.testing.junit;
