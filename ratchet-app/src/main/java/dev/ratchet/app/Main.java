package dev.ratchet.app;

import java.nio.file.Path;
import java.util.List;

/** The {@code ratchet} command's entry point. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        Logging.configure(List.of(args), System.getenv());
        int code = RatchetCommand.withDevCommands(RatchetCommand.commandLine(System.getenv(), Path.of("")), System.in)
                .execute(args);
        System.exit(code);
    }
}
