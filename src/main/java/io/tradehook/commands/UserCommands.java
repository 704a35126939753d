package io.tradehook.commands;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.tradehook.common.Settings;
import io.tradehook.db.Database;
import io.tradehook.users.UserRepository;

/**
 * Operator commands for gateway users, run beside a running gateway like {@code create-key}:
 * <pre>
 * create-user --login x (--password-stdin | --password p)
 * add-account --login x --account y
 * subscribe   --login x
 * unsubscribe --login x
 * </pre>
 */
public final class UserCommands {

    public static final Set<String> NAMES = Set.of("create-user", "add-account", "subscribe", "unsubscribe");
    static final int MIN_PASSWORD_LENGTH = 8;
    private static final String USAGE = """
            usage: create-user --login <login> (--password-stdin | --password <password>)
                   add-account --login <login> --account <account name>
                   subscribe   --login <login>
                   unsubscribe --login <login>""";

    private UserCommands() {
    }

    /** Returns the process exit code. */
    public static int run(String[] args) {
        return run(args, Settings.standalone(), System.in, System.out, System.err);
    }

    static int run(String[] args, Settings settings, InputStream in, PrintStream out, PrintStream err) {
        String command = args[0];
        Map<String, String> options = options(args);
        Set<String> allowed = switch (command) {
            case "create-user" -> Set.of("login", "password", "password-stdin");
            case "add-account" -> Set.of("login", "account");
            default -> Set.of("login");
        };
        if (options == null || !options.containsKey("login") || !allowed.containsAll(options.keySet())
                || command.equals("add-account") && !options.containsKey("account")) {
            err.println(USAGE);
            return 2;
        }
        String login = options.get("login");
        try (Database database = Database.openForCommand(settings)) {
            UserRepository users = new UserRepository(database.dataSource());
            if (command.equals("create-user")) {
                return createUser(users, login, options, in, out, err);
            }
            Optional<Long> userId = users.findUserId(login);
            if (userId.isEmpty()) {
                err.println("no user with login " + login);
                return 1;
            }
            return switch (command) {
                case "add-account" -> addAccount(users, userId.get(), login, options.get("account"), out, err);
                case "subscribe" -> {
                    users.ensureSubscribed(userId.get());
                    out.println(login + " is subscribed to Trading Webhooks");
                    yield 0;
                }
                default -> {
                    users.endSubscription(userId.get());
                    out.println(login + " is no longer subscribed to Trading Webhooks: their keys are refused with 403");
                    yield 0;
                }
            };
        } catch (SQLException | RuntimeException e) {
            err.println(command + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static int createUser(UserRepository users, String login, Map<String, String> options, InputStream in,
                                  PrintStream out, PrintStream err) throws SQLException {
        String password = options.containsKey("password-stdin") ? firstLine(in) : options.get("password");
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            err.println("the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
            return 2;
        }
        if (login.isBlank() || login.length() > 64) {
            err.println("the login must have 1 to 64 characters");
            return 2;
        }
        if (users.findUserId(login).isPresent()) {
            err.println("user " + login + " already exists");
            return 1;
        }
        users.ensureUser(login, password);
        out.println("created user " + login + "; next: add-account and subscribe");
        return 0;
    }

    private static int addAccount(UserRepository users, long userId, String login, String account, PrintStream out,
                                  PrintStream err) throws SQLException {
        if (account.isBlank()) {
            err.println(USAGE);
            return 2;
        }
        users.ensureAccount(userId, account);
        if (!users.accountNames(userId).contains(account)) {
            err.println("account " + account + " belongs to another user");
            return 1;
        }
        out.println(login + " owns account " + account);
        return 0;
    }

    /** {@code --name value} pairs; {@code --password-stdin} stands alone. Null when the arguments do not parse. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--password-stdin")) {
                options.put("password-stdin", "");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                return null;
            }
        }
        return options;
    }

    private static String firstLine(InputStream in) {
        try {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
