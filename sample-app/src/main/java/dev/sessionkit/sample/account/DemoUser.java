package dev.sessionkit.sample.account;

/**
 * A user who can log in, as the pages show them.
 *
 * @param username what the visitor types
 * @param displayName what the pages call them
 */
public record DemoUser(String username, String displayName) {}
