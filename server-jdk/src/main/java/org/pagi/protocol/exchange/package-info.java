/**
 * One HTTP/1.1 connection as a state machine: {@link org.pagi.protocol.exchange.Http1Connection} turns parser
 * events into scopes and PAGI events, checks the application's sends through {@code spec.order}, frames the
 * response ({@code ResponseEncoder}), and tells its transport what to do through
 * {@link org.pagi.protocol.exchange.ExchangeOutput}. Driven by the NIO transport and by the test client's wire
 * mode alike. Same import rule as {@code protocol.http1}. Start at {@code Http1Connection}.
 */
package org.pagi.protocol.exchange;
