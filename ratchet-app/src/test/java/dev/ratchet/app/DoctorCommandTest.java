package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.llm.ServerProfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code ratchet doctor} against the database fixture and the OpenAI stub behaving like Ollama. */
@ExtendWith(RatchetDatabaseExtension.class)
class DoctorCommandTest {

    static TestDatabase db;
    OpenAiStub llm;

    @BeforeAll
    static void database(TestDatabase database) {
        db = database;
    }

    @BeforeEach
    void stub() {
        llm = OpenAiStub.start();
    }

    @AfterEach
    void close() {
        llm.close();
    }

    record Result(int code, String out) {}

    Result doctor(String model, String... more) {
        StringWriter out = new StringWriter();
        var cl = RatchetCommand.commandLine(Map.of(), Path.of(""));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        List<String> args = new ArrayList<>(
                List.of("--db-url", db.jdbcUrl(), "--set", "llm.url=" + llm.baseUrl(), "--set", "llm.model=" + model));
        for (String m : more) {
            args.add("--set");
            args.add(m);
        }
        args.add("doctor");
        return new Result(cl.execute(args.toArray(String[]::new)), out.toString());
    }

    @Test
    void a_healthy_setup_passes_every_check_and_says_what_it_found() {
        llm.profile(ServerProfile.ollama().numCtx(8192)).models("qwen2.5:7b");
        llm.onChat().whenJsonRequested().reply("{\"ok\": true}");
        RatchetCommand.commandLine(Map.of(), Path.of("")).execute("--db-url", db.jdbcUrl(), "migrate");

        Result r = doctor("qwen2.5:7b");

        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out())
                .contains("ok   configuration")
                .contains("ok   pgvector")
                .contains("ok   llm server")
                .contains("ok   llm model        qwen2.5:7b is served")
                .contains("ok   context window   8192 tokens (Ollama num_ctx)")
                .contains("ok   json answers     response_format json_schema")
                .contains("ok   tool calling     native")
                .contains("ok   embedding model")
                .contains("ok   llm errors       no failed LLM calls in the last 24 h")
                .contains("all checks passed");
    }

    @Test
    void the_slack_bot_token_is_checked_with_auth_test() {
        llm.profile(ServerProfile.ollama()).models("qwen2.5:7b");
        llm.onChat().whenJsonRequested().reply("{\"ok\": true}");
        try (var slack = dev.ratchet.testkit.slack.SlackEmulator.start()) {
            Result ok = doctor(
                    "qwen2.5:7b",
                    "slack.mode=http",
                    "slack.bot-token=" + slack.botToken(),
                    "slack.api-url=" + slack.apiUrl());
            assertThat(ok.out())
                    .contains("ok   slack            workspace")
                    .contains("ok   slack scopes     the token has the 11 scopes app-manifest.yaml asks for");

            // an app installed before scopes were added to its manifest
            slack.botScopes(
                    "app_mentions:read",
                    "channels:history",
                    "channels:read",
                    "chat:write",
                    "groups:history",
                    "groups:read",
                    "im:write",
                    "users:read",
                    "users:read.email",
                    "files:read");
            Result lacking = doctor(
                    "qwen2.5:7b",
                    "slack.mode=http",
                    "slack.bot-token=" + slack.botToken(),
                    "slack.api-url=" + slack.apiUrl());
            assertThat(lacking.code()).as(lacking.out()).isEqualTo(1);
            assertThat(lacking.out())
                    .contains("FAIL slack scopes     the token lacks reactions:read, usergroups:read that "
                            + "app-manifest.yaml asks for")
                    .contains("reinstall the app")
                    .contains("files:read, which Ratchet does not use")
                    .doesNotContain(slack.botToken());

            Result refused = doctor(
                    "qwen2.5:7b", "slack.mode=http", "slack.bot-token=xoxb-wrong", "slack.api-url=" + slack.apiUrl());
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.out())
                    .contains("FAIL slack")
                    .contains("check RATCHET_SLACK_BOT_TOKEN")
                    .doesNotContain("xoxb-wrong");
        }
    }

    @Test
    void docs_sources_and_mcp_servers_get_a_line_each_with_the_fix(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        llm.profile(ServerProfile.ollama()).models("qwen2.5:7b");
        llm.onChat().whenJsonRequested().reply("{\"ok\": true}");
        java.nio.file.Files.createDirectories(dir.resolve("handbook"));
        Path sources = java.nio.file.Files.writeString(dir.resolve("sources.yaml"), """
                sources:
                  - id: handbook
                    kind: folder
                    path: handbook
                  - id: runbooks
                    kind: git
                    url: http://127.0.0.1:1/ops/runbooks.git
                """);
        Path mcp = java.nio.file.Files.writeString(
                dir.resolve("mcp.json"),
                "{\"mcpServers\": {\"tickets\": {\"command\": \"" + dir.resolve("no-such-mcp-server") + "\"}}}");

        Result r = doctor(
                "qwen2.5:7b",
                "docs.sources-file=" + sources,
                "docs.cache-dir=" + dir.resolve("cache"),
                "commands.mcp-servers=" + mcp,
                "commands.mcp-timeout=5s");

        assertThat(r.code()).as(r.out()).isEqualTo(1);
        assertThat(r.out())
                .contains("ok   docs handbook")
                .contains("not refreshed yet: 'ratchet docs refresh'")
                .contains("FAIL docs runbooks    http://127.0.0.1:1/ops/runbooks.git (main): the Git remote does not "
                        + "answer")
                .contains("FAIL mcp tickets")
                .contains("no-such-mcp-server")
                .contains("(servers file " + mcp + ")");
    }

    @Test
    void a_model_not_pulled_fails_with_the_pull_command_and_a_non_zero_exit() {
        llm.profile(ServerProfile.ollama()).models("llama3.2:1b");
        // what `ratchet run` recorded when its calls failed
        RatchetCommand.commandLine(Map.of(), Path.of("")).execute("--db-url", db.jdbcUrl(), "migrate");
        for (int i = 0; i < 3; i++) {
            dev.ratchet.testkit.TestSql.of(db)
                    .execute(
                            "insert into llm_calls (module_id, purpose, kind, model, request, error) values "
                                    + "('runbook', 'runbook', 'chat', 'qwen2.5:7b', '{}', ?)",
                            "the server has no model qwen2.5:7b (HTTP 404): run `ollama pull qwen2.5:7b` (Ollama), "
                                    + "or set RATCHET_LLM_MODEL to a model it serves");
        }

        Result r = doctor("qwen2.5:7b");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out())
                .contains("FAIL llm model")
                .contains("run `ollama pull qwen2.5:7b`")
                .contains("RATCHET_LLM_MODEL")
                .contains("ok   llm errors       in the last 24 h")
                .contains("3 call(s), latest ")
                .contains("something is broken");
    }

    @Test
    void an_unreachable_server_and_a_model_without_tools_are_told_apart() {
        llm.profile(ServerProfile.ollama().withoutTools("gemma2:2b").json(ServerProfile.JsonModes.OBJECT_ONLY))
                .models("gemma2:2b");
        llm.onChat().whenJsonRequested().reply("{\"ok\": true}");

        Result r = doctor("gemma2:2b");
        assertThat(r.out())
                .contains("ok   json answers     response_format json_object (no json_schema)")
                .contains("ok   tool calling     not supported: the commands agent plans in JSON");

        Result down = doctor("gemma2:2b", "llm.url=http://127.0.0.1:1/v1", "llm.max-retries=0");
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.out()).contains("FAIL llm server").contains("set RATCHET_LLM_URL");
    }

    @Test
    void azure_openai_is_checked_by_its_deployment_and_the_key_is_never_printed() {
        String key = "azure-doctor-key-3c9d1f";
        llm.profile(ServerProfile.azure().deployments("ops-chat", "ops-embed")).requireApiKey(key);
        llm.onChat().whenJsonRequested().reply("{\"ok\": true}");
        llm.defaultReply("ok");
        RatchetCommand.commandLine(Map.of(), Path.of("")).execute("--db-url", db.jdbcUrl(), "migrate");

        Result r = doctor(
                "ops-chat",
                "llm.url=" + llm.azureEndpoint(),
                "llm.provider=azure",
                "llm.api-key=" + key,
                "embedding.provider=openai",
                "embedding.model=ops-embed");

        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out())
                .contains("ok   llm server       " + llm.azureEndpoint() + " answers as Azure OpenAI (api-version "
                        + "2024-10-21)")
                .contains("ok   llm model        deployment ops-chat answers")
                .contains("ok   json answers     response_format json_schema")
                .contains("ok   tool calling     native")
                .contains("ok   embedding model  ops-embed: 384 dimensions")
                .doesNotContain(key);

        Result missing = doctor("gpt-4o", "llm.url=" + llm.azureEndpoint(), "llm.provider=azure", "llm.api-key=" + key);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.out())
                .contains("FAIL llm model        chat request to " + llm.azureEndpoint())
                .contains("no deployment named gpt-4o at " + llm.azureEndpoint())
                .contains("set RATCHET_LLM_MODEL to the deployment name")
                .doesNotContain(key);

        Result refused = doctor(
                "ops-chat", "llm.url=" + llm.azureEndpoint(), "llm.provider=azure", "llm.api-key=wrong-key-0000");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out())
                .contains("FAIL llm server")
                .contains("the endpoint refused the API key (HTTP 401); check RATCHET_LLM_API_KEY")
                .doesNotContain("wrong-key-0000");
    }
}
