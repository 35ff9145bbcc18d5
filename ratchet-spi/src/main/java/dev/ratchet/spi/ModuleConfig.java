package dev.ratchet.spi;

/**
 * A module's configuration, validated before the module starts.
 *
 * @since 0.1
 */
public interface ModuleConfig {

    /**
     * The value of a declared option: the configured value, else its default.
     *
     * @throws IllegalArgumentException if {@code option} was not declared in {@link RatchetModule#configOptions()}
     * @throws java.util.NoSuchElementException if it is not set and has no default (only possible for an optional
     *         option without a default: use {@link #find(ConfigOption)} for those)
     */
    <T> T get(ConfigOption<T> option);

    /** The value of a declared option, or empty when it is neither set nor defaulted. */
    <T> java.util.Optional<T> find(ConfigOption<T> option);
}
