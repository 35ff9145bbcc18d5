package dev.ratchet.core.modules;

import dev.ratchet.spi.RatchetModule;

/**
 * A module found on the classpath or in a plugin jar.
 *
 * @param module the instance ServiceLoader created
 * @param source where it came from: "classpath" or the plugin jar's path
 */
public record FoundModule(RatchetModule module, String source) {

    public String id() {
        return module.id();
    }

    public String describe() {
        return module.getClass().getName() + " (" + source + ")";
    }
}
