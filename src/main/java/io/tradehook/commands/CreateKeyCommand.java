package io.tradehook.commands;

import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

import io.tradehook.common.Settings;
import io.tradehook.db.Database;
import io.tradehook.users.UserRepository;
import io.tradehook.keys.CreatedKey;
import io.tradehook.keys.KeyIssuer;
import io.tradehook.keys.KeyRepository;

/**
 * {@code create-key --login <login> [--name <name>] [--expires <ISO-8601 instant>]}: creates a webhook key for a
 * user and prints its name, API key, secret key and webhook URL, once. Works beside a running gateway.
 */
public final class CreateKeyCommand {

    public static final String NAME = "create-key";
    private static final String USAGE = "usage: create-key --login <login> [--name <name>] [--expires <2027-01-31T00:00:00Z>]";

    private CreateKeyCommand() {
    }

    /** Returns the process exit code. */
    public static int run(String[] args) {
        return run(args, Settings.standalone(), System.out, System.err);
    }

    static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println(USAGE);
                return 2;
            }
            options.put(args[i].substring(2), args[++i]);
        }
        String login = options.get("login");
        String name = options.getOrDefault("name", "");
        if (login == null || !options.keySet().stream().allMatch(o -> o.matches("login|name|expires"))
                || name.length() > KeyIssuer.MAX_NAME_LENGTH) {
            err.println(USAGE);
            return 2;
        }
        Instant expires;
        try {
            expires = options.containsKey("expires") ? Instant.parse(options.get("expires")) : null;
        } catch (DateTimeParseException e) {
            err.println("--expires must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
            return 2;
        }
        if (expires != null && !expires.isAfter(Instant.now())) {
            err.println("--expires must be in the future");
            return 2;
        }
        try (Database database = Database.openForCommand(settings)) {
            Long userId = new UserRepository(database.dataSource()).findUserId(login).orElse(null);
            if (userId == null) {
                err.println("no user with login " + login);
                return 1;
            }
            CreatedKey key = new KeyIssuer(new KeyRepository(database.dataSource()), settings.publicUrl())
                    .create(userId, name, expires);
            out.println("Name:        " + key.name());
            out.println("API key:     " + key.apiKey());
            out.println("Secret key:  " + key.secretKey());
            out.println("Webhook URL: " + key.webhookUrl());
            out.println("Expires:     " + (key.expiresAt() == null ? "never" : key.expiresAt()));
            out.println("The secret key is shown only now: store the webhook URL in your alert tool.");
            return 0;
        } catch (Exception e) {
            err.println("cannot create the key: " + e.getMessage());
            return 1;
        }
    }
}
