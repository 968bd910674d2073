/**
 * Example 08, the {@code tls} extension: an application that reports the TLS version, cipher suite and client
 * certificate of its connection, and says so when there is no TLS. Imports {@code org.pagi.spec} only. See
 * {@code examples/08-tls-introspection/README.md}.
 */
package org.pagi.examples.tlsintrospection;
