package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The last reading of alert names and services ({@link AlertNames}), rule by rule. */
class AlertNamesTest {

    private static AlertNames.Names refined(String text, String alert, String service) {
        return AlertNames.refined(text, alert, service, false);
    }

    @Test
    void a_check_identifier_the_message_gives_is_the_name_over_the_headline_prose() {
        assertThat(refined("us-east : 27/380 serveurs injoignables — check=fleet_unreachable", "us-east : 27/380", "")
                        .alert())
                .isEqualTo("fleet_unreachable");
        assertThat(refined("tempo 41 min [check: picking_sla]", "CD-REC", "").alert())
                .isEqualTo("picking_sla");
        assertThat(refined("{\n  \"service\": \"checkout-bff\",\n  \"check\": \"redis_ping\"\n}", "checkout-bff", "")
                        .alert())
                .isEqualTo("redis_ping");
        assertThat(refined("Consul: node worker-11 check serfHealth is critical", "worker-11", "")
                        .alert())
                .isEqualTo("serfHealth");
        assertThat(refined(
                                "Job analytics/reports-gen-28471230 failed\nReason: BackoffLimitExceeded",
                                "Job analytics",
                                "")
                        .alert())
                .isEqualTo("BackoffLimitExceeded");
        // prose after "check" is no identifier; a name a field gave is kept
        assertThat(refined("Uptime check failed for the shop", "Shop down", "").alert())
                .isEqualTo("Shop down");
        assertThat(AlertNames.refined("check=disk_usage", "DiskFull", "", true).alert())
                .isEqualTo("DiskFull");
    }

    @Test
    void an_identifier_loses_the_host_details_state_and_severity_a_tool_writes_after_it() {
        assertThat(refined("", "HTTP_latency on web-lb-01", ""))
                .isEqualTo(new AlertNames.Names("HTTP_latency", "web-lb-01"));
        assertThat(refined("", "http_health - connection refused on :443", "web01")
                        .alert())
                .isEqualTo("http_health");
        assertThat(refined("", "db-disk-usage FIRING (CRITICAL)", "").alert()).isEqualTo("db-disk-usage");
        assertThat(refined("", "High p99 latency - critical", "").alert()).isEqualTo("High p99 latency");
        assertThat(refined("", "Garbage Collection Activity High (11%)", "").alert())
                .isEqualTo("Garbage Collection Activity High");
        assertThat(refined("", "Login failures spike - auth-api", ""))
                .isEqualTo(new AlertNames.Names("Login failures spike", "auth-api"));
        // a descriptive name keeps the host it is about
        assertThat(refined("", "High CPU on web-1", "").alert()).isEqualTo("High CPU on web-1");
        assertThat(refined("", "High CPU", "").alert()).isEqualTo("High CPU");
    }

    @Test
    void leads_naming_the_record_the_place_or_the_kind_of_check_are_no_part_of_the_name() {
        assertThat(refined("", "Offense 4191 CLOSED: Multiple Login Failures", "")
                        .alert())
                .isEqualTo("Multiple Login Failures");
        assertThat(refined("", "Event on pay-app-01 closed: CPU Utilization >= 95 %", ""))
                .isEqualTo(new AlertNames.Names("CPU Utilization >= 95 %", "pay-app-01"));
        assertThat(refined("", "ACME-WEB-07: Disk Free Space", ""))
                .isEqualTo(new AlertNames.Names("Disk Free Space", "ACME-WEB-07"));
        assertThat(refined("", "Monitor nightly-db-backup", "").alert()).isEqualTo("nightly-db-backup");
        assertThat(refined("", "Monitor failure: Login flow", "").alert()).isEqualTo("Monitor failure: Login flow");
        assertThat(refined("", "Host memory high · Entity: worker-03", "").alert())
                .isEqualTo("Host memory high");
    }

    @Test
    void the_service_is_the_scope_dimension_affected_thing_or_probed_address_when_nothing_else_names_it() {
        assertThat(AlertNames.where("[Triggered on {host:kafka-2}] Kafka lag", Map.of()))
                .isEqualTo("kafka-2");
        assertThat(AlertNames.where("- Dimensions: [QueueName = orders-dlq]", Map.of()))
                .isEqualTo("orders-dlq");
        assertThat(AlertNames.where("Affected: orders-consumer", Map.of("affected", "orders-consumer")))
                .isEqualTo("orders-consumer");
        assertThat(AlertNames.where("The monitor Acme API (https://api.example.com/healthz) is DOWN", Map.of()))
                .isEqualTo("api.example.com");
        assertThat(AlertNames.where("GET https://track.example.com/health", Map.of()))
                .isEqualTo("track.example.com");
        // a link back to the tool's own page, a Markdown link's target and an "Alert URL" say nothing of the service
        assertThat(AlertNames.where("https://cronitor.io/app/monitors/nightly-backup", Map.of()))
                .isEmpty();
        assertThat(AlertNames.where("[View incident](https://uptime.betterstack.com/team/1/incidents/6)", Map.of()))
                .isEmpty();
        assertThat(AlertNames.where("Alert URL: https://service.eu.sumologic.com/alert/0A1B", Map.of()))
                .isEmpty();
    }

    @Test
    void an_incident_tool_relaying_another_tool_keeps_the_source_alert_name() {
        assertThat(
                        AlertNames.relayed(
                                "[FIRING:1] KubeJobFailed for kube-state-metrics (job_name=\"nightly-reindex\", severity=\"critical\")"))
                .isEqualTo("KubeJobFailed");
        assertThat(AlertNames.relayed("[P1] [Triggered on {queue:orders-events,env:prod}] Orders queue depth"))
                .isEqualTo("Orders queue depth");
        assertThat(AlertNames.relayed("(Disk usage above 90% on db-02) on Database Tier. Assigned to Priya Nair"))
                .isEqualTo("Disk usage above 90% on db-02");
        assertThat(AlertNames.relayed("TLS certificate expires in 14 days (3 alerts)"))
                .isEqualTo("TLS certificate expires in 14 days");
        assertThat(AlertNames.headPart("API Gateway 5XX rate above 2% | Entity: public-api | Source: CloudWatch"))
                .isEqualTo("API Gateway 5XX rate above 2%");
    }

    @Test
    void a_script_names_its_job_by_an_identifier_leading_what_happened_to_it() {
        assertThat(refined("", "CRON nightly-export on batch-2 (exit 1 after 00:02:13)", "")
                        .alert())
                .isEqualTo("nightly-export");
        assertThat(refined("", "customer_sync finished 07:12 (late by 1h12m)", "")
                        .alert())
                .isEqualTo("customer_sync");
        assertThat(refined("", "夜間バッチ ranking_aggregate 異常終了", "").alert()).isEqualTo("ranking_aggregate");
        assertThat(refined("", "load - load15 12.31 (warn 8, crit 16)", "db02").alert())
                .isEqualTo("load");
        // a service's own words stay: a host ends on its number, a descriptive name goes on after the service
        assertThat(refined("", "web-11 (Linux)", "").alert()).isEqualTo("web-11 (Linux)");
        assertThat(refined("", "checkout-api high p99 latency", "").alert()).isEqualTo("checkout-api high p99 latency");
    }

    @Test
    void field_lines_in_other_languages_name_the_alert_and_the_service() {
        assertThat(refined("告警信息\n告警名称: MysqlSlaveIoThreadNotRunning\n告警级别: critical", "信息", "")
                        .alert())
                .isEqualTo("MysqlSlaveIoThreadNotRunning");
        assertThat(refined("规则标题: 机器负载-CPU使用率过高\n监控指标: {\"ident\":\"bj-app-17\"}", "级别状态: S2", "")
                        .alert())
                .isEqualTo("机器负载-CPU使用率过高");
        assertThat(AlertNames.where("监控指标: {\"ident\":\"bj-app-17\",\"cpu\":\"cpu-total\"}", Map.of()))
                .isEqualTo("bj-app-17");
        assertThat(AlertNames.where("*Tjänst:* labbsvar-api", Map.of())).isEqualTo("labbsvar-api");
        assertThat(AlertNames.where("Dịch vụ: tms-api", Map.of())).isEqualTo("tms-api");
        assertThat(AlertNames.where("サービス：payment-gw", Map.of())).isEqualTo("payment-gw");
        assertThat(AlertNames.where("Dienst: auftrags-api", Map.of())).isEqualTo("auftrags-api");
    }

    @Test
    void outcomes_counts_and_hosts_around_a_name_are_no_part_of_it() {
        assertThat(refined("", "Test failed: Checkout with saved card", "").alert())
                .isEqualTo("Checkout with saved card");
        assertThat(refined("", "Device Offline: core-sw-01", ""))
                .isEqualTo(new AlertNames.Names("Device Offline", "core-sw-01"));
        assertThat(refined("", "Cron: nightly-billing", "").alert()).isEqualTo("Cron: nightly-billing");
        assertThat(AlertNames.countOnly("1 alert(s)")).isTrue();
        assertThat(AlertNames.countOnly("2 firing")).isTrue();
        assertThat(AlertNames.countOnly("High CPU")).isFalse();
        assertThat(AlertNames.notificationOnly("Service PROBLEM notification")).isTrue();
    }

    @Test
    void where_a_condition_holds_and_the_details_after_a_dash_are_no_part_of_its_name() {
        assertThat(refined("", "Cluster load is high on cluster lkc-7yq2p", ""))
                .isEqualTo(new AlertNames.Names("Cluster load is high", "lkc-7yq2p"));
        assertThat(refined("", "disk /data on host es-node-04 is in state critical", ""))
                .isEqualTo(new AlertNames.Names("disk /data", "es-node-04"));
        assertThat(refined("", "Node is down - Node sql-prod-02 (10.20.4.12) is Down. Triggered at 02:04 AM", "")
                        .alert())
                .isEqualTo("Node is down");
        assertThat(refined("", "Disk usage above 85% - 3 groups triggered", "").alert())
                .isEqualTo("Disk usage above 85%");
        assertThat(refined("", "Login journey - Stockholm", "").alert()).isEqualTo("Login journey - Stockholm");
        // Zabbix's "component: cpu" tag is a kind of check; the host is where the alert is
        assertThat(AlertNames.hostOfComponent("cpu", "cpu", "web-07 [10.20.1.57]"))
                .isEqualTo("web-07");
        assertThat(AlertNames.hostOfComponent("checkout-api", "", "web-07")).isEmpty();
        assertThat(AlertNames.where("db-prod-02 - CPU Utilization is 94%, threshold is 90%", Map.of()))
                .isEqualTo("db-prod-02");
        assertThat(AlertNames.where("INC-231 - Checkout failing for EU customers", Map.of()))
                .isEmpty();
    }

    @Test
    void keys_in_any_language_name_the_check_and_the_host() {
        assertThat(refined("status=DOWN host=gw-sby-1 cek=tcp/443 percobaan=3/3", "gw-sby-1", "")
                        .alert())
                .isEqualTo("tcp/443");
        assertThat(refined("[RIASZTÁS] web-03: CPU terhelés 97% | ellenőrzés=cpu_terheles", "web-03: CPU", "")
                        .alert())
                .isEqualTo("cpu_terheles");
        assertThat(refined(
                                "ALARMĂ: replicare întârziată\nGazdă: pg-stocuri-02\nVerificare: pg_replication_lag",
                                "x",
                                "")
                        .alert())
                .isEqualTo("pg_replication_lag");
        assertThat(AlertNames.keyedHost("ALARMĂ: replicare întârziată\nGazdă: pg-stocuri-02"))
                .isEqualTo("pg-stocuri-02");
        assertThat(AlertNames.keyedHost("queue=ranked_3v3 region=asia p95_wait=48s"))
                .isEqualTo("ranked_3v3");
        // a number is no check's name
        assertThat(AlertNames.keyedCheck("job=42")).isEmpty();
    }

    @Test
    void a_capital_state_word_leading_the_name_is_no_part_of_it() {
        assertThat(refined("", "PULIH api-pembayaran", "").alert()).isEqualTo("api-pembayaran");
        assertThat(refined("", "SIGSEGV in PhysicsWorld::Step", "").alert()).isEqualTo("SIGSEGV in PhysicsWorld::Step");
        assertThat(refined("", "CPU: usage", "").alert()).isEqualTo("CPU: usage");
    }

    @Test
    void a_numbered_host_in_a_prose_name_is_the_service() {
        assertThat(AlertNames.serviceFromName("web-03 disk", "", "P1 web-03 disk 97%"))
                .isEqualTo(new AlertNames.Names("disk", "web-03"));
        assertThat(AlertNames.serviceFromName("reititin-pori-01", "reititin-pori-01", ""))
                .isEqualTo(new AlertNames.Names("", "reititin-pori-01"));
        assertThat(AlertNames.serviceFromName("sw-sklad-2: Node down", "", ""))
                .isEqualTo(new AlertNames.Names("Node down", "sw-sklad-2"));
        assertThat(AlertNames.serviceFromName(
                        "api-pembayaran", "", "🔴 *GANGGUAN* `api-pembayaran` — error rate 7.2% (ambang 5%)"))
                .isEqualTo(new AlertNames.Names("error rate", "api-pembayaran"));
        // a job's or a check's own name stays: digits inside it, no digits, a domain alone, a ticket's key
        assertThat(AlertNames.serviceFromName("checkout-e2e", "", ""))
                .isEqualTo(new AlertNames.Names("checkout-e2e", ""));
        assertThat(AlertNames.serviceFromName("nightly-backup", "", ""))
                .isEqualTo(new AlertNames.Names("nightly-backup", ""));
        assertThat(AlertNames.serviceFromName("api.example.com", "", ""))
                .isEqualTo(new AlertNames.Names("api.example.com", ""));
        assertThat(AlertNames.serviceFromName("Customer Portal", "Customer Portal", "")
                        .alert())
                .isEqualTo("Customer Portal");
        assertThat(AlertNames.serviceFromName("Pulih otomatis: INS-0432 ditutup", "", "")
                        .service())
                .isEmpty();
    }

    @Test
    void a_measurement_tags_and_an_event_code_are_no_part_of_the_name() {
        assertThat(AlertNames.withoutMeasurement("disk 93% used (threshold 90%)"))
                .isEqualTo("disk");
        assertThat(AlertNames.withoutMeasurement("replikációs késés 48 mp")).isEqualTo("replikációs késés");
        // a threshold is part of the name
        assertThat(AlertNames.withoutMeasurement("Replication lag > 300s")).isEqualTo("Replication lag > 300s");
        assertThat(AlertNames.withoutMeasurement("Error rate above 5%")).isEqualTo("Error rate above 5%");
        assertThat(AlertNames.withoutMeasurement("Payments API 500s")).isEqualTo("Payments API 500s");
        assertThat(AlertNames.withoutTags("Kafka consumer lag [kafka][prod]")).isEqualTo("Kafka consumer lag");
        assertThat(AlertNames.withoutTags("Eshop 5xx [")).isEqualTo("Eshop 5xx");
        assertThat(AlertNames.withoutTags("CPU Usage [cpu]")).isEqualTo("CPU Usage [cpu]");
        assertThat(AlertNames.withoutTags("Node down (SYS_NODE_DOWN)")).isEqualTo("Node down");
        assertThat(AlertNames.withoutTags("<Memori Redis> servers.redis-1.memory.used_pct failed"))
                .isEqualTo("Memori Redis");
    }
}
