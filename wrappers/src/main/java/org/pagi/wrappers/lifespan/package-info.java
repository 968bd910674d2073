/**
 * The lifespan wrapper: {@link org.pagi.wrappers.lifespan.Lifespan} runs startup and shutdown hooks (async or
 * blocking) around an application and answers the lifespan protocol for it; {@link
 * org.pagi.wrappers.lifespan.StateKey} names a typed value that startup puts in the lifespan state and handlers
 * read back.
 */
package org.pagi.wrappers.lifespan;
