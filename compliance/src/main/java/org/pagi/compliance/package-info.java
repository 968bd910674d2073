/**
 * The compliance kit: {@link org.pagi.compliance.ConformanceApp}, the application with a fixed contract that
 * every server under test runs, so suites know exactly what to expect. Imports {@code org.pagi.spec} and the JDK
 * only. Property suites ({@code .property}) and black-box runs against live servers ({@code .blackbox}) will
 * live in sub-packages.
 */
package org.pagi.compliance;
