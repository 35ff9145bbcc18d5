package dev.ratchet.core.jobs;

import java.util.Optional;

/**
 * The event whose handler is running on this thread, so that what the handler does through core services (LLM calls,
 * posts) is recorded against it without the SPI having to carry it around.
 */
public final class CurrentEvent {

    private static final ThreadLocal<EventRef> CURRENT = new ThreadLocal<>();

    private CurrentEvent() {}

    public static Optional<EventRef> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void set(EventRef ref) {
        CURRENT.set(ref);
    }

    static void clear() {
        CURRENT.remove();
    }
}
