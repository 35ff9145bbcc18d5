package dev.ratchet.core.modules;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's {@link System.Logger}, which the SPI hands to modules (so the SPI names no logging library), written to
 * SLF4J. slf4j-jdk-platform-logging would do this globally but is not published for the SLF4J version we use.
 */
final class Slf4jSystemLogger implements System.Logger {

    private final Logger target;

    Slf4jSystemLogger(String name) {
        this.target = LoggerFactory.getLogger(name);
    }

    @Override
    public String getName() {
        return target.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return switch (level) {
            case ALL, TRACE -> target.isTraceEnabled();
            case DEBUG -> target.isDebugEnabled();
            case INFO -> target.isInfoEnabled();
            case WARNING -> target.isWarnEnabled();
            case ERROR -> target.isErrorEnabled();
            case OFF -> false;
        };
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        emit(level, msg, thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            emit(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params), null);
        }
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
        if (isLoggable(level)) {
            emit(level, msgSupplier.get(), null);
        }
    }

    private void emit(Level level, String msg, Throwable thrown) {
        switch (level) {
            case ALL, TRACE -> target.trace(msg, thrown);
            case DEBUG -> target.debug(msg, thrown);
            case INFO -> target.info(msg, thrown);
            case WARNING -> target.warn(msg, thrown);
            case ERROR -> target.error(msg, thrown);
            case OFF -> {}
        }
    }
}
