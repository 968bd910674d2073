/**
 * Request-side HTTP parsers for application authors, with no sockets and no I/O: query strings
 * ({@link org.pagi.wrappers.http.QueryParams}), cookies ({@link org.pagi.wrappers.http.RequestCookies},
 * {@link org.pagi.wrappers.http.SetCookie}), media types and content negotiation
 * ({@link org.pagi.wrappers.http.MediaType}, {@link org.pagi.wrappers.http.Accept}) and byte ranges
 * ({@link org.pagi.wrappers.http.ByteRanges}, {@link org.pagi.wrappers.http.IfRange}).
 *
 * <p>Every parser is a pure function of its input: the same bytes give the same result, and bad input gives either
 * a lenient result (as browsers and upstream PAGI behave) or the parser's own exception naming what was wrong.
 * Headers come as {@link org.pagi.spec.Headers}; this package adds no headers class of its own.
 */
package org.pagi.wrappers.http;
