/**
 * The in-process test client: drives any {@link org.pagi.spec.Application} through fake receive and send, with
 * no sockets. Start at {@link org.pagi.testing.TestClient}; {@code AppCall} is the engine every protocol side
 * shares. Imports {@code org.pagi.spec}, Jackson and the JDK; never a transport.
 */
package org.pagi.testing;
