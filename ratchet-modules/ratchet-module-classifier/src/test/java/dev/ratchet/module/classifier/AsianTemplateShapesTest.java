package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Shapes.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 94 and 95 (2026-12-08: a Seoul team's Korean templates, a shop's DingTalk and Feishu
 * bridges, nobody here had read), written here in other words than theirs: a tag's state, an arrow and the state it
 * moved to ("OK → ALARM"); a relay's bracketed tool name before a template's state phrase alone on its line; a tool's
 * bracketed name before its bracketed webhook action; Korean 해소, 해제, 이벤트 발생/종료 and Chinese 告警通知, 恢复通知.
 */
class AsianTemplateShapesTest {

    @Test
    void a_tags_state_then_the_state_it_moved_to() {
        assertThat(action("relay", "🚨 알람: disk-usage\nOK → ALARM · VolumeQueueLength · us-east-1"))
                .contains(Action.OPEN);
        assertThat(action("relay", "✅ 알람: disk-usage\nALARM → OK · VolumeQueueLength · us-east-1"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_bracketed_tool_name_before_a_state_phrase_alone() {
        assertThat(action("relay", "*[LogWatch] 告警通知*\n规则: 网关超时")).contains(Action.OPEN);
        assertThat(action("relay", "*[LogWatch] 恢复通知*\n规则: 网关超时")).contains(Action.CLOSE);
    }

    @Test
    void a_tools_bracketed_name_before_its_bracketed_action() {
        assertThat(action("eventbridge", "[Opsgenie][Create] #77 Checkout latency above 2s · P2"))
                .contains(Action.OPEN);
        assertThat(action("eventbridge", "[Opsgenie][Close] #77 Checkout latency above 2s · P2"))
                .contains(Action.CLOSE);
    }

    @Test
    void korean_cleared_and_event_raised_or_ended() {
        assertThat(action("relay", "[해소 1건] PaymentQueueBacklog")).contains(Action.CLOSE);
        assertThat(action("relay", "🚨 이벤트 발생 · pay-db 메모리 부족")).contains(Action.OPEN);
        assertThat(action("relay", "✅ 이벤트 종료 · pay-db 메모리 부족")).contains(Action.CLOSE);
    }
}
