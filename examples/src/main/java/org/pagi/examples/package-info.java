/**
 * Small PAGI applications, one sub-package per example, each an {@code App} that {@code bin/pagi-server --app}
 * can start. They import {@code org.pagi.spec} and the JDK only, so each shows what the spec alone asks of an
 * application. Their READMEs are in {@code examples/NN-name/}; start with {@link org.pagi.examples.hellohttp}.
 * The later ones use the wrappers; those with a page serve it through {@link org.pagi.examples.Resources}.
 */
package org.pagi.examples;
