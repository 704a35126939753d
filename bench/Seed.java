import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.tradehook.common.Settings;
import io.tradehook.db.Database;
import io.tradehook.keys.CreatedKey;
import io.tradehook.keys.KeyIssuer;
import io.tradehook.keys.KeyRepository;
import io.tradehook.users.UserRepository;

/**
 * Creates benchmark keys for the demo user in the running gateway's database (joined through its embedded
 * PostgreSQL's postmaster.pid) and writes "apiKey secretKey" lines for the load generators.
 * Usage: java -cp 'target/tradehook.jar:target/lib/*' bench/Seed.java <count> <out-file>
 */
public class Seed {
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        try (Database database = Database.openForCommand(Settings.standalone())) {
            long userId = new UserRepository(database.dataSource()).findUserId("demo").orElseThrow();
            KeyIssuer issuer = new KeyIssuer(new KeyRepository(database.dataSource()), "http://bench");
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                CreatedKey key = issuer.create(userId, "bench-" + i, null);
                lines.add(key.apiKey() + " " + key.secretKey());
            }
            Files.write(out, lines);
        }
    }
}
