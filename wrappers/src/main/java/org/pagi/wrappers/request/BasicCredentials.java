package org.pagi.wrappers.request;

import java.util.Objects;

/** User and password from {@code Authorization: Basic ...}; the password may contain ':'. */
public record BasicCredentials(String user, String password) {
    /** Checks for nulls. */
    public BasicCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + ", password=***]";
    }
}
