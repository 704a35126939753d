package io.tradehook;

import io.tradehook.keys.CreateKeyCommand;
import org.apache.camel.main.Main;

/** Runs the gateway, or a one-off operator command given as the first argument. */
public final class TradehookMain {

    private TradehookMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && CreateKeyCommand.NAME.equals(args[0])) {
            System.exit(CreateKeyCommand.run(args));
        }
        Main main = new Main();
        main.configure().addConfiguration(TradehookConfiguration.class);
        main.run(args);
    }
}
