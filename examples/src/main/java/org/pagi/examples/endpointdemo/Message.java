package org.pagi.examples.endpointdemo;

/** One message of the API, as JSON: {@code {"id":1,"text":"Hello, World!"}}. */
public record Message(int id, String text) {
}
