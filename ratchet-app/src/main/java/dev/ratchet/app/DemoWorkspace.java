package dev.ratchet.app;

import dev.ratchet.core.slack.SlackExportWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The sample workspace of {@code ratchet demo}: three weeks of an ops channel, with alerts from Alertmanager, Grafana
 * and Datadog and people triaging them in threads, and a help channel. Times are anchored to the start of today (UTC),
 * so running the demo again the same day imports nothing new.
 */
final class DemoWorkspace {

    static final String TEAM = "T_DEMO";
    static final String OPS = "C_DEMO_OPS";
    static final String HELP = "C_DEMO_HELP";

    /** The last DiskFull firing, the recurring alert whose runbook the demo shows. */
    String recurringAlertTs;

    SlackExportWriter build(Instant now) {
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        SlackExportWriter w = new SlackExportWriter(TEAM)
                .user("U_DEMO_ALICE", "alice", "Alice Smith")
                .user("U_DEMO_BOB", "bob", "Bob Jones")
                .user("U_DEMO_CAROL", "carol", "Carol Diaz")
                .channel(OPS, "team-ops")
                .channel(HELP, "team-help");

        for (int day : new int[] {20, 13, 6, 2}) {
            Instant at = today.minus(Duration.ofDays(day)).plus(Duration.ofHours(3 + day % 5));
            String ts = am(
                    w,
                    at,
                    "[FIRING:1] DiskFull (db-1 critical)\n*Description:* disk usage above 95% on db-1\n • *service:* `db-1`\n • *severity:* `critical`");
            w.reply("team-ops", ts, at.plusSeconds(120), "U_DEMO_ALICE", "looking at it");
            w.reply(
                    "team-ops",
                    ts,
                    at.plusSeconds(900),
                    "U_DEMO_BOB",
                    day == 13
                            ? "freed 30G by deleting old WAL archives with `pgbackrest expire`; root cause: backup retention was set to 60 days"
                            : "freed 20G with `logrotate -f /etc/logrotate.conf`; root cause: the log rotation cron was disabled after the upgrade");
            am(
                    w,
                    at.plusSeconds(2400),
                    "[RESOLVED] DiskFull (db-1 critical)\n • *service:* `db-1`\n • *severity:* `critical`");
            if (day == 2) {
                recurringAlertTs = ts;
            }
        }
        for (int day : new int[] {15, 5, 1}) {
            Instant at = today.minus(Duration.ofDays(day)).plus(Duration.ofHours(14));
            String ts = am(
                    w,
                    at,
                    "[FIRING:2] HighLatency (api prod critical)\n*Alert:* HighLatency - `critical`\n*Description:* p99 latency above 2s\n • *service:* `api`\n • *severity:* `critical`");
            w.reply(
                    "team-ops",
                    ts,
                    at.plusSeconds(300),
                    "U_DEMO_CAROL",
                    "deploy v2." + (30 - day) + " went out 10 minutes ago, rolling back");
            w.reply(
                    "team-ops",
                    ts,
                    at.plusSeconds(1200),
                    "U_DEMO_CAROL",
                    "rolled back with `kubectl rollout undo deploy/api`, latency is back to normal");
            am(
                    w,
                    at.plusSeconds(1500),
                    "[RESOLVED] HighLatency (api prod critical)\n • *service:* `api`\n • *severity:* `critical`");
        }
        for (int day : new int[] {9, 3}) {
            Instant at = today.minus(Duration.ofDays(day)).plus(Duration.ofHours(10));
            String ts = w.botMessage(
                    "team-ops",
                    at,
                    "B_DEMO_DD",
                    "Datadog",
                    "Triggered: [P2] High error rate on checkout\nError rate is 7.2% (threshold 5%) service:checkout env:prod\nhttps://app.datadoghq.com/monitors/123",
                    List.of());
            w.reply(
                    "team-ops",
                    ts,
                    at.plusSeconds(600),
                    "U_DEMO_ALICE",
                    "payment provider timeouts again, failed over to the backup provider");
            w.botMessage(
                    "team-ops",
                    at.plusSeconds(1800),
                    "B_DEMO_DD",
                    "Datadog",
                    "Recovered: [P2] High error rate on checkout\nError rate is 1.1% service:checkout env:prod\nhttps://app.datadoghq.com/monitors/123",
                    List.of());
        }
        // noise: crash loops that clear by themselves within minutes, nobody acting (the report proposes a `for:`)
        for (int day : new int[] {12, 8, 4}) {
            Instant at = today.minus(Duration.ofDays(day)).plus(Duration.ofHours(5));
            am(
                    w,
                    at,
                    "[FIRING:1] PodCrashLooping (search critical)\n*Description:* pod search-7d9f restarted 5 times in 10 minutes\n • *service:* `search`\n • *severity:* `critical`");
            am(
                    w,
                    at.plusSeconds(180),
                    "[RESOLVED] PodCrashLooping (search critical)\n • *service:* `search`\n • *severity:* `critical`");
        }
        // nobody ever answered this one
        Instant cert = today.minus(Duration.ofDays(4)).plus(Duration.ofHours(7));
        am(
                w,
                cert,
                "[FIRING:1] CertificateExpiringSoon (edge warning)\n*Description:* TLS certificate of edge.example.com expires in 7 days\n • *service:* `edge`\n • *severity:* `warning`");
        am(
                w,
                cert.plus(Duration.ofHours(20)),
                "[RESOLVED] CertificateExpiringSoon (edge warning)\n • *service:* `edge`\n • *severity:* `warning`");
        // acknowledged, never resolved: open too long
        Instant backlog = today.minus(Duration.ofDays(3)).plus(Duration.ofHours(16));
        String queue = w.botMessage(
                "team-ops",
                backlog,
                "B_DEMO_GF",
                "Grafana",
                "[FIRING:1] Queue backlog Billing (billing-worker warning)\n**Firing**\nLabels:\n - alertname = Queue backlog\n - grafana_folder = Billing\n - service = billing-worker\n - severity = warning\nSource: https://grafana.example.com/d/billing",
                List.of());
        w.reply(
                "team-ops",
                queue,
                backlog.plusSeconds(1800),
                "U_DEMO_BOB",
                "known issue, the billing export is slow; will look tomorrow");

        Instant q1 = today.minus(Duration.ofDays(8)).plus(Duration.ofHours(11));
        String vpn = w.message("team-help", q1, "U_DEMO_CAROL", "how do I get VPN access for the new laptop?");
        w.reply(
                "team-help",
                vpn,
                q1.plusSeconds(400),
                "U_DEMO_ALICE",
                "file an IT ticket with the laptop serial; it takes a day");
        Instant q2 = today.minus(Duration.ofDays(2)).plus(Duration.ofHours(9));
        String logs = w.message(
                "team-help", q2, "U_DEMO_BOB", "where do the db-1 postgres logs go? the disk keeps filling up");
        w.reply(
                "team-help",
                logs,
                q2.plusSeconds(300),
                "U_DEMO_ALICE",
                "/var/log/postgresql, rotated daily by logrotate; check the cron is enabled");
        return w;
    }

    private static String am(SlackExportWriter w, Instant at, String text) {
        return w.botMessage("team-ops", at, "B_DEMO_AM", "alertmanager", text, List.<Map<String, Object>>of());
    }
}
