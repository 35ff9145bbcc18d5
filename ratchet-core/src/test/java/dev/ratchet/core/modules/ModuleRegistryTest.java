package dev.ratchet.core.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.core.CoreOptions;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.Subscription;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleRegistryTest {

    final List<String> events = new ArrayList<>();

    class Recording implements RatchetModule {
        final String id;
        final boolean failOnStart;

        Recording(String id, boolean failOnStart) {
            this.id = id;
            this.failOnStart = failOnStart;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public List<ConfigOption<?>> configOptions() {
            return List.of(ConfigOption.integer("limit", 10, 1, 100));
        }

        @Override
        public void start(ModuleContext ctx) {
            if (failOnStart) {
                throw new IllegalStateException(
                        "the widget file is missing; set RATCHET_" + id.toUpperCase() + "_FILE");
            }
            ctx.on("note", Subscription.to(EventType.MESSAGE), e -> {});
            events.add("start " + id);
        }

        @Override
        public void stop() {
            events.add("stop " + id);
        }
    }

    private void start(ModuleRegistry registry, RatchetConfig config) {
        Registrations registrations = new Registrations();
        Services services =
                new Services(id -> null, id -> null, id -> null, id -> null, id -> null, null, null, Clock.systemUTC());
        registry.validateConfig(config, CoreOptions.all());
        registry.start(m -> new ModuleScope(m.id(), m.module().configOptions(), config, registrations, services));
    }

    @Test
    void only_named_modules_are_enabled_and_started_in_order_and_stopped_in_reverse() {
        ModuleRegistry registry = ModuleRegistry.of(
                List.of(new Recording("alpha", false), new Recording("beta", false), new Recording("gamma", false)));
        registry.enable(List.of("gamma", "alpha"), List.of());
        start(registry, RatchetConfig.of(Map.of()));
        registry.stop();
        assertThat(events).containsExactly("start gamma", "start alpha", "stop alpha", "stop gamma");
        assertThat(registry.found()).hasSize(3);
    }

    @Test
    void found_but_disabled_module_is_not_started() {
        ModuleRegistry registry =
                ModuleRegistry.of(List.of(new Recording("alpha", false), new Recording("beta", false)));
        registry.enable(List.of(), List.of("beta"));
        start(registry, RatchetConfig.of(Map.of()));
        assertThat(events).containsExactly("start alpha");
        assertThat(registry.isEnabled("beta")).isFalse();
    }

    @Test
    void duplicate_ids_are_rejected_naming_both_modules() {
        assertThatThrownBy(
                        () -> ModuleRegistry.of(List.of(new Recording("alpha", false), new Recording("alpha", false))))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("two modules have the id 'alpha'")
                .hasMessageContaining(Recording.class.getName())
                .hasMessageContaining("Remove one of them");
    }

    @Test
    void id_that_is_not_kebab_case_is_rejected() {
        assertThatThrownBy(() -> ModuleRegistry.of(List.of(new Recording("Run_Book", false))))
                .hasMessageContaining("'Run_Book'")
                .hasMessageContaining("kebab-case");
    }

    @Test
    void unknown_module_name_suggests_the_closest() {
        ModuleRegistry registry = ModuleRegistry.of(List.of(new Recording("runbook", false)));
        assertThatThrownBy(() -> registry.enable(List.of("runbok"), List.of()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("--modules: no module 'runbok'")
                .hasMessageContaining("Did you mean 'runbook'?");
    }

    /** A module that needs others. */
    class Needing extends Recording {
        final java.util.Set<String> needs;

        Needing(String id, String... needs) {
            super(id, false);
            this.needs = java.util.Set.of(needs);
        }

        @Override
        public java.util.Set<String> requires() {
            return needs;
        }
    }

    @Test
    void a_module_enabled_without_the_module_it_needs_is_refused_with_the_fix() {
        ModuleRegistry registry = ModuleRegistry.of(List.of(
                new Recording("classifier", false),
                new Needing("runbook", "classifier"),
                new Recording("usage", false)));
        assertThatThrownBy(() -> registry.enable(List.of("runbook", "usage"), List.of()))
                .isInstanceOf(StartupException.class)
                .hasMessage("runbook needs classifier: add it or drop runbook")
                .extracting(e -> ((StartupException) e).exitCode())
                .isEqualTo(StartupException.CONFIG);
        assertThatThrownBy(() -> registry.enable(List.of(), List.of("classifier")))
                .hasMessage("runbook needs classifier: add it or drop runbook");
        assertThat(events).isEmpty();
    }

    @Test
    void a_module_with_what_it_needs_enabled_starts_and_a_missing_one_is_named() {
        ModuleRegistry registry =
                ModuleRegistry.of(List.of(new Recording("classifier", false), new Needing("runbook", "classifier")));
        registry.enable(List.of("runbook", "classifier"), List.of());
        start(registry, RatchetConfig.of(Map.of()));
        assertThat(events).containsExactly("start runbook", "start classifier");
        assertThat(ModuleRegistry.requirements(registry.found().stream()
                        .filter(m -> m.id().equals("runbook"))
                        .findFirst()
                        .orElseThrow()))
                .containsExactly("classifier");

        ModuleRegistry alone = ModuleRegistry.of(List.of(new Needing("report", "classifier", "zeta")));
        assertThatThrownBy(() -> alone.enable(List.of(), List.of()))
                .hasMessageContaining(
                        "report needs classifier: add it or drop report (no module 'classifier' was found")
                .hasMessageContaining("report needs zeta: add it or drop report");
    }

    @Test
    void bad_module_config_fails_before_any_module_starts() {
        ModuleRegistry registry =
                ModuleRegistry.of(List.of(new Recording("alpha", false), new Recording("beta", false)));
        registry.enable(List.of(), List.of());
        RatchetConfig config = RatchetConfig.of(Map.of("beta.limit", "1000"));
        assertThatThrownBy(() -> start(registry, config))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("beta.limit")
                .hasMessageContaining("between 1 and 100");
        assertThat(events).isEmpty();
    }

    @Test
    void config_of_a_disabled_module_is_not_checked() {
        ModuleRegistry registry =
                ModuleRegistry.of(List.of(new Recording("alpha", false), new Recording("beta", false)));
        registry.enable(List.of("alpha"), List.of());
        start(registry, RatchetConfig.of(Map.of("beta.limit", "1000")));
        assertThat(events).containsExactly("start alpha");
    }

    @Test
    void failed_start_stops_the_modules_already_started() {
        ModuleRegistry registry = ModuleRegistry.of(
                List.of(new Recording("alpha", false), new Recording("beta", true), new Recording("gamma", false)));
        registry.enable(List.of(), List.of());
        assertThatThrownBy(() -> start(registry, RatchetConfig.of(Map.of())))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("module 'beta' failed to start")
                .hasMessageContaining("the widget file is missing");
        assertThat(events).containsExactly("start alpha", "stop alpha");
    }

    @Test
    void registering_after_start_is_refused() {
        List<ModuleContext> kept = new ArrayList<>();
        RatchetModule keeper = new RatchetModule() {
            @Override
            public String id() {
                return "keeper";
            }

            @Override
            public void start(ModuleContext ctx) {
                kept.add(ctx);
            }
        };
        ModuleRegistry registry = ModuleRegistry.of(List.of(keeper)).enable(List.of(), List.of());
        start(registry, RatchetConfig.of(Map.of()));
        assertThatThrownBy(() -> kept.get(0).on("late", Subscription.to(EventType.MESSAGE), e -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("after start()");
    }
}
