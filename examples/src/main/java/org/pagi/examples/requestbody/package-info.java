/**
 * Example 03, request body: reads every {@code http.request} event and answers with what was sent. Imports
 * {@code org.pagi.spec} only. See {@code examples/03-request-body/README.md}.
 */
package org.pagi.examples.requestbody;
