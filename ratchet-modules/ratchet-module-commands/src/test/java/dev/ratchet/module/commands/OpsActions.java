package dev.ratchet.module.commands;

import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.kit.ToolInputs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small module for the tests: {@code restart_service}, a tool that writes (it records each run instead of restarting
 * anything), and {@code list_open_incidents}, a read tool without arguments.
 */
final class OpsActions implements RatchetModule {

    /** The services {@code restart_service} was run for, in order. */
    final List<String> restarts = new CopyOnWriteArrayList<>();
    /** The context it was started with, for tests that use its services. */
    volatile ModuleContext ctx;

    record RestartInput(String service) {}

    record NoInput() {}

    @Override
    public String id() {
        return "ops-actions";
    }

    @Override
    public void start(ModuleContext ctx) {
        this.ctx = ctx;
        ctx.tool(ToolInputs.tool(
                "restart_service",
                "Restarts a service in production (a rolling restart of its pods).",
                RestartInput.class,
                List.of("restart the api service", "bounce the gateway"),
                true,
                (input, call) -> {
                    restarts.add(input.service());
                    return "rolling restart of " + input.service() + " started";
                }));
        ctx.tool(ToolInputs.tool(
                "list_open_incidents",
                "Lists the open incidents of the on-call rotation, with who is handling each.",
                NoInput.class,
                List.of("which incidents are open?", "list the open incidents", "what is on fire right now?"),
                false,
                (input, call) -> List.of(Map.of("id", "INC-1", "title", "api latency", "handler", "alice"))));
    }
}
