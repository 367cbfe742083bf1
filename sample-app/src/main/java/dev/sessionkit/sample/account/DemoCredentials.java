package dev.sessionkit.sample.account;

/**
 * A demo user's name and clear-text password, shown on the login page so that anyone can try.
 *
 * @param username the user name
 * @param password the password
 * @param displayName what the pages call them
 */
public record DemoCredentials(String username, String password, String displayName) {}
