package dev.ratchet.app;

import java.io.InputStream;
import java.util.List;

/**
 * Sub-commands that ship apart from the launcher: {@code shell} and {@code bench} run the Slack emulator and the LLM
 * stub of the test kit, so they live in {@code ratchet-devtools}, which the distribution keeps in its own jar set
 * ({@code lib/devtools/}, on the class path only for those commands). Found with {@link java.util.ServiceLoader}.
 */
public interface DevCommands {

    /** The names of the commands this provides, as typed after {@code ratchet}. */
    List<String> names();

    /** The picocli command objects to add, reading the terminal from {@code in}. */
    List<Object> commands(InputStream in);
}
