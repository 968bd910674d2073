/**
 * The response side: {@link org.pagi.wrappers.response.Response}, a whole response as an immutable value (also an
 * {@code Application}), and {@link org.pagi.wrappers.response.ResponseWriter} for a body written piece by piece,
 * each with a blocking view; {@link org.pagi.wrappers.response.FileResponse} and
 * {@link org.pagi.wrappers.response.RangedResponse} for files and in-memory bodies answering conditional and range
 * requests ({@link org.pagi.wrappers.response.Conditional}).
 */
package org.pagi.wrappers.response;
