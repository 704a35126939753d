package io.tradehook.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from Maven-shipped binaries, on a data directory that is kept between runs. It asks for a
 * password like any other: the library's initdb trusts every local connection (a superuser session for any process
 * of the machine), so on its first start the server gets a random password, kept in the data directory (readable by
 * its owner only), and from then on {@code pg_hba.conf} takes SCRAM passwords only. Its Unix socket lives in the data
 * directory (mode 0700), and the binaries are unpacked into a folder only the owner can write
 * ({@value #BINARIES_FOLDER} under the user's home), never a shared {@code /tmp} folder.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    static final String PASSWORD_FILE = "tradehook-password";
    static final String BINARIES_FOLDER = ".tradehook/pg-binaries";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    /**
     * Passwords only, over TCP on the loopback and on the private socket. The library's own readiness check logs in
     * with the password too ({@code connectConfig}).
     */
    private static final String PASSWORD_HBA = """
            # written by tradehook: password (SCRAM) authentication only
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128 scram-sha-256
            """;
    /**
     * The very first start only, until the password is set a second later: the superuser from the loopback, no one
     * else, no socket. (The library's initdb offers no way to set a password up front.)
     */
    private static final String FIRST_START_HBA = """
            # written by tradehook for the first start, replaced once the password is set
            host  all postgres 127.0.0.1/32 trust
            host  all postgres ::1/128 trust
            """;

    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    public static EmbeddedPostgresServer start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Optional<String> password = passwordOf(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(privateFolder(
                            Path.of(System.getProperty("user.home")).resolve(BINARIES_FOLDER)).toFile())
                    // the library's defaults are for throwaway test databases (-F, synchronous_commit=off): an
                    // acknowledged order must survive a crash of PostgreSQL or of the machine
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", dataDir.toAbsolutePath().toString())
                    .setServerConfig("unix_socket_permissions", "0700")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // after initdb, before every start: a password-less server never comes back from a restart
                    .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath(),
                            password.isPresent() ? PASSWORD_HBA : FIRST_START_HBA));
            password.ifPresent(p -> builder.setConnectConfig("password", p));
            EmbeddedPostgres postgres = builder.start();
            String actual = password.isPresent() ? password.get() : setPassword(postgres, dataDir);
            LOG.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dataDir);
            return new EmbeddedPostgresServer(postgres, actual);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** The password a data directory's server takes, once it has been given one. */
    public static Optional<String> passwordOf(Path dataDir) {
        Path file = dataDir.resolve(PASSWORD_FILE);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded PostgreSQL's password in " + file, e);
        }
    }

    /**
     * First start: a random password, written to the data directory (owner only) before the server takes it, then
     * passwords only from here on.
     */
    private static String setPassword(EmbeddedPostgres postgres, Path dataDir) throws IOException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path file = dataDir.resolve(PASSWORD_FILE);
        Path temporary = Files.createTempFile(dataDir, PASSWORD_FILE, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, password);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // URL-safe Base64: nothing to quote
            s.execute("alter role " + USER + " password '" + password + "'");
            writeHba(dataDir, PASSWORD_HBA);
            s.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("cannot set the embedded PostgreSQL's password", e);
        }
        return password;
    }

    private static void writeHba(Path dataDir, String rules) {
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path privateFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        return folder;
    }

    /** The password of the server's {@link #USER}. */
    public String password() {
        return password;
    }

    /**
     * The JDBC URL of an embedded server already running on {@code dataDir} (a gateway started by another
     * process), read from PostgreSQL's own {@code postmaster.pid}.
     */
    public static Optional<String> runningOn(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(jdbcUrl(port)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public String jdbcUrl() {
        return jdbcUrl(postgres.getPort());
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
