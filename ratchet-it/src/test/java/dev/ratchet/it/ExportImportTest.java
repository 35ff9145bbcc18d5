package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.slack.ExportImporter;
import dev.ratchet.core.slack.SlackExportWriter;
import dev.ratchet.spi.Message;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RatchetDatabaseExtension.class)
class ExportImportTest {

    static Ratchet ratchet;
    static ExportImporter importer;
    static String alertTs;
    static String parentTs;

    @BeforeAll
    static void start(TestDatabase db) {
        ratchet = Ratchet.start(
                db.config(Map.of()), ModuleRegistry.of(List.of()).enable(List.of(), List.of()), Clock.systemUTC());
        importer = new ExportImporter(ratchet.storage(), ratchet.ingestor(), ratchet.directory());
    }

    @AfterAll
    static void stop() {
        ratchet.close();
    }

    /** A small export; {@code prefix} keeps the channel ids of each test apart (they share a database). */
    static SlackExportWriter sample(String prefix) {
        SlackExportWriter w = new SlackExportWriter("T-EXP")
                .user("U-ALICE", "alice", "Alice Smith")
                .user("U-BOB", "bob", "Bob Jones")
                .channel(prefix + "OPS", "team-ops")
                .channel(prefix + "HELP", "team-help");
        Instant day1 = Instant.parse("2026-11-02T09:00:00Z");
        alertTs = w.botMessage(
                "team-ops",
                day1,
                "B-AM",
                "alertmanager",
                "",
                List.of(Map.of("title", "[FIRING:1] DiskFull db-1", "text", "disk 97% on db-1")));
        w.reply("team-ops", alertTs, day1.plusSeconds(60), "U-ALICE", "looking, <@U-BOB> can you check backups?");
        w.reply("team-ops", alertTs, day1.plusSeconds(600), "U-BOB", "freed 20G by rotating logs");
        parentTs = w.message("team-help", day1.plusSeconds(86_400), "U-BOB", "how do I get VPN access?");
        w.reply("team-help", parentTs, day1.plusSeconds(86_500), "U-ALICE", "file a ticket with IT");
        return w;
    }

    static int count(String sql) {
        return TestSql.of(ratchet).count(sql);
    }

    @Test
    void importing_an_export_twice_yields_the_same_rows(@TempDir Path dir) throws IOException {
        Path zip = sample("C-").writeZip(dir.resolve("export.zip"));
        List<String> steps = new ArrayList<>();
        ExportImporter.Progress progress = new ExportImporter.Progress() {
            @Override
            public void start(int dayFiles) {
                steps.add("start " + dayFiles);
            }

            @Override
            public void step(String file) {
                steps.add(file);
            }
        };
        ExportImporter.Report first = importer.importFrom(zip, null, progress);
        int messages = count("select count(*) from messages where channel_id like 'C-%'");
        int users = count("select count(*) from users where team_id = 'T-EXP'");
        int channels = count("select count(*) from channels where id like 'C-%'");
        ExportImporter.Report second = importer.importFrom(zip, null, progress);

        assertThat(first.problems()).isEmpty();
        assertThat(first.messages()).isEqualTo(5);
        assertThat(first.newMessages()).isEqualTo(5);
        assertThat(second.newMessages()).isZero();
        assertThat(messages).isEqualTo(5);
        assertThat(count("select count(*) from messages where channel_id like 'C-%'"))
                .isEqualTo(messages);
        assertThat(count("select count(*) from users where team_id = 'T-EXP'"))
                .isEqualTo(users)
                .isEqualTo(3); // two people, one bot
        assertThat(count("select count(*) from channels where id like 'C-%'"))
                .isEqualTo(channels)
                .isEqualTo(2);
        assertThat(steps).contains("start 2", "team-ops/2026-11-02.json", "team-help/2026-11-03.json");

        var repo = ratchet.storage().messages();
        List<Message> thread = repo.thread("C-OPS", alertTs);
        assertThat(thread)
                .extracting(Message::text)
                .containsExactly(
                        "[FIRING:1] DiskFull db-1\ndisk 97% on db-1",
                        "looking, <@U-BOB> can you check backups?", "freed 20G by rotating logs");
        assertThat(thread.get(0).botId()).contains("B-AM");
        assertThat(ratchet.directory().render(thread.get(1).text())).isEqualTo("looking, @bob can you check backups?");
        assertThat(ratchet.directory().displayName("B-AM")).isEqualTo("alertmanager");
        // history is enriched, never reacted to: nothing is enqueued for modules that are not subscribed to backfill
        assertThat(count("select count(*) from module_runs")).isZero();
    }

    @Test
    void corrupt_day_file_is_reported_by_name_and_line_while_the_rest_imports(@TempDir Path dir) throws IOException {
        Path folder = sample("C2-").writeFolder(dir.resolve("export"));
        Path corrupt = folder.resolve("team-help/2026-11-03.json");
        Files.writeString(
                corrupt, "[\n  {\"type\": \"message\", \"ts\": \"1762246800.000000\",\n  \"text\": \"unterminated\n]");
        Files.writeString(
                folder.resolve("team-ops/2026-11-04.json"),
                "[{\"type\":\"message\",\"text\":\"no ts\"}, {\"type\":\"message\",\"ts\":\"1762246900.000000\",\"user\":\"U-ALICE\",\"text\":\"ok\"}]");
        Files.createDirectories(folder.resolve("random-folder"));

        ExportImporter.Report report = importer.importFrom(folder, null, new ExportImporter.Progress() {
            @Override
            public void start(int dayFiles) {}

            @Override
            public void step(String file) {}
        });
        assertThat(report.problems())
                .extracting(ExportImporter.Problem::toString)
                .anySatisfy(p -> assertThat(p)
                        .startsWith("team-help/2026-11-03.json: line ")
                        .contains("file skipped"));
        assertThat(report.problems())
                .extracting(ExportImporter.Problem::toString)
                .contains("team-ops/2026-11-04.json: message 1 has no ts; skipped")
                .contains("random-folder/: folder not listed in channels.json or groups.json; skipped");
        assertThat(count("select count(*) from messages where channel_id like 'C2-%'"))
                .isEqualTo(4); // 3 in team-ops + the good one of day 4
    }
}
