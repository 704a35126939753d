package io.tradehook;

import io.tradehook.db.EmbeddedPostgresStart;
import io.tradehook.commands.CreateKeyCommand;
import io.tradehook.commands.UserCommands;
import org.apache.camel.main.Main;
import io.tradehook.common.Settings;

/** Runs the gateway, or a one-off operator command given as the first argument. */
public final class TradehookMain {

    private TradehookMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && CreateKeyCommand.NAME.equals(args[0])) {
            System.exit(CreateKeyCommand.run(args));
        }
        if (args.length > 0 && UserCommands.NAMES.contains(args[0])) {
            System.exit(UserCommands.run(args));
        }
        Main main = new Main();
        // the embedded PostgreSQL's initdb and start take seconds: begun now, they run while Camel starts
        main.configure().addConfiguration(new TradehookConfiguration(EmbeddedPostgresStart.beginReading(Settings::standalone)));
        main.run(args);
    }
}
