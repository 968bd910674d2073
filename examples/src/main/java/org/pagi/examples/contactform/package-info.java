/**
 * The 13-contact-form example: a form with an optional upload, checked on the server (required fields, the
 * upload's type and size under {@code BodyLimits}) and answered in JSON the page shows. Written with the wrappers.
 * See {@code examples/13-contact-form/README.md}.
 */
package org.pagi.examples.contactform;
