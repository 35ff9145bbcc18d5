package dev.ratchet.app;

import java.io.InputStream;
import java.util.List;

/** The devtools jar set's commands, {@code shell} and {@code bench}, for the launcher's {@link DevCommands} lookup. */
public final class DevtoolsCommands implements DevCommands {

    @Override
    public List<String> names() {
        return List.of("shell", "bench");
    }

    @Override
    public List<Object> commands(InputStream in) {
        return List.of(new ShellCommand(in), new BenchCommand());
    }
}
