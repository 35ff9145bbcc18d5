package dev.ratchet.module.channelmonitor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One entry of the monitor file.
 *
 * @param slug       the entry's key in the file; names it in logs, LLM calls ({@code channel-monitor:<slug>}) and post keys
 * @param channelId  the monitored channel
 * @param prompt     the prompt template
 * @param schemaJson the JSON Schema the LLM's answer must satisfy, as JSON text
 * @param executable the program run on each answer (absolute); null for an entry only tried through the API
 * @param args       its arguments
 * @param timeout    how long one run may take before it is killed
 */
record Monitor(
        String slug,
        String channelId,
        PromptTemplate prompt,
        String schemaJson,
        Path executable,
        List<String> args,
        Duration timeout) {}
