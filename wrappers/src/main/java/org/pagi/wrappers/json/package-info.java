/** JSON for the wrappers, through Jackson; the only package that imports it. */
package org.pagi.wrappers.json;
