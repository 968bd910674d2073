/**
 * Bridges to code written before PAGI: {@link org.pagi.wrappers.bridge.HttpHandlerApp} runs a JDK
 * {@code com.sun.net.httpserver.HttpHandler} as an application, {@link org.pagi.wrappers.bridge.PagiHttpHandler}
 * serves an application from a JDK {@code HttpServer}, and {@link org.pagi.wrappers.bridge.CgiApp} runs a CGI/1.1
 * script. Bodies stream both ways in every bridge: nothing is buffered whole.
 *
 * <p>The only package of this module that imports {@code com.sun.net.httpserver}: the JDK's {@code jdk.httpserver}
 * module is the thing bridged.
 */
package org.pagi.wrappers.bridge;
