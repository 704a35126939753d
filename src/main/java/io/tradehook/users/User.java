package io.tradehook.users;

/** A gateway user as the management API knows the caller. */
public record User(long id, String login) {
}
