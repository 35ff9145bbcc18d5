package dev.ratchet.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** Where {@code ratchet shell} reads lines and prints: a terminal with line editing, or plain streams for scripts. */
interface ShellConsole extends AutoCloseable {

    /** The next line typed, or null at the end of input (Ctrl-D, end of the piped input). */
    String readLine(String prompt) throws IOException;

    /** Prints a block of text, from any thread, without garbling a line being typed. */
    void print(String text);

    /** Whether a person is typing (a terminal) rather than a script. */
    boolean interactive();

    @Override
    void close();

    /** A terminal with history and line editing (JLine); messages arriving while typing appear above the prompt. */
    static ShellConsole terminal() throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).build();
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("ratchet")
                .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".ratchet_shell_history"))
                .build();
        return new ShellConsole() {
            @Override
            public String readLine(String prompt) {
                try {
                    return reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    return ""; // Ctrl-C drops the line being typed, as in a shell
                } catch (EndOfFileException e) {
                    return null;
                }
            }

            @Override
            public void print(String text) {
                reader.printAbove(text);
            }

            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public void close() {
                try {
                    reader.getHistory().save();
                    terminal.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** Lines from {@code in}, output to {@code out}, no prompt: for pipes, scripts and tests. */
    static ShellConsole plain(InputStream in, PrintWriter out) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return new ShellConsole() {
            @Override
            public String readLine(String prompt) throws IOException {
                return lines.readLine();
            }

            @Override
            public void print(String text) {
                synchronized (out) {
                    out.println(text);
                    out.flush();
                }
            }

            @Override
            public boolean interactive() {
                return false;
            }

            @Override
            public void close() {
                out.flush();
            }
        };
    }
}
