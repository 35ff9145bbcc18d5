package dev.ratchet.core;

import dev.ratchet.core.api.ApiSettings;
import dev.ratchet.core.docs.DocsSettings;
import dev.ratchet.core.jobs.JobSettings;
import dev.ratchet.core.llm.LlmSettings;
import dev.ratchet.core.ops.LogSettings;
import dev.ratchet.core.slack.SlackSettings;
import dev.ratchet.core.storage.DatabaseSettings;
import dev.ratchet.core.storage.SearchSettings;
import dev.ratchet.spi.ConfigOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The options of Ratchet's core, set with {@code RATCHET_<KEY>} or {@code --set <key>=...}: each subsystem declares its
 * own beside its settings record; this is their list, for validation.
 */
public final class CoreOptions {

    private CoreOptions() {}

    public static List<ConfigOption<?>> all() {
        return Stream.of(
                        DatabaseSettings.options(),
                        JobSettings.options(),
                        LogSettings.options(),
                        SlackSettings.options(),
                        LlmSettings.options(),
                        DocsSettings.options(),
                        ApiSettings.options(),
                        SearchSettings.options())
                .flatMap(List::stream)
                .toList();
    }
}
