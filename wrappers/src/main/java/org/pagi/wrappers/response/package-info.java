/**
 * The response side: {@link org.pagi.wrappers.response.Response}, a whole response as an immutable value (also an
 * {@code Application}), and {@link org.pagi.wrappers.response.ResponseWriter} for a body written piece by piece,
 * each with a blocking view.
 */
package org.pagi.wrappers.response;
