package dev.ratchet.core.api;

import dev.ratchet.core.docs.Documentation;
import dev.ratchet.core.jobs.JobSystem;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.core.ops.RatchetMetrics;
import dev.ratchet.core.slack.SlackDirectory;
import dev.ratchet.core.slack.SlackIntegration;
import dev.ratchet.core.storage.AlertRepository;
import dev.ratchet.core.storage.Storage;
import dev.ratchet.spi.MessageService;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What the API serves from, handed to it by {@code Ratchet}: the API knows these services and not the process that
 * owns them, so the server depends on core's parts and nothing depends back on the server.
 *
 * @param storage              the repositories the channel, usage and readiness endpoints read
 * @param alerts               the classifier's alert events (services, an alert's past threads, the filter)
 * @param messages             stored messages as the API reads them (search)
 * @param directory            channels, people and readable names
 * @param slack                the Slack integration, when a bot token is configured (onboarding, readiness)
 * @param receivingSlackEvents whether this process opened the Slack event connection (so readiness checks it)
 * @param docs                 the indexed documentation
 * @param metrics              the registry {@code /metrics} scrapes and the API's timers go to
 * @param modules              the modules found and started
 * @param registrations        what the modules registered: tools, jobs, handlers, routes
 * @param jobs                 the job system (readiness, the dashboard's storage)
 */
public record ApiServices(
        Storage storage,
        AlertRepository alerts,
        MessageService messages,
        SlackDirectory directory,
        Optional<SlackIntegration> slack,
        BooleanSupplier receivingSlackEvents,
        Documentation docs,
        RatchetMetrics metrics,
        ModuleRegistry modules,
        Registrations registrations,
        JobSystem jobs) {}
