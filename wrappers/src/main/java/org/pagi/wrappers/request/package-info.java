/** The request wrapper: scope accessors, body reading under {@link org.pagi.wrappers.request.BodyLimits}. */
package org.pagi.wrappers.request;
