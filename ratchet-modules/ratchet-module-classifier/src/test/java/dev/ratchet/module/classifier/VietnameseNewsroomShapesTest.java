package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Shapes.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 110 and 112 (2026-12-08: a Ho Chi Minh City team's Vietnamese templates, a newsroom's
 * relays, nobody here had read), written here in other words than theirs: a relay's short source and a count inside
 * the state's bracket ("[AM/firing x2]"); a CloudWatch relay line with the transition ("CloudWatch ALARM → OK: …"); a
 * close in capitals leading a title over a measurement the body repeats; Vietnamese ĐANG KÍCH HOẠT, ĐÃ KÍCH HOẠT, BÁO
 * ĐỘNG (open), HẾT CẢNH BÁO, ĐÃ ỔN (close).
 */
class VietnameseNewsroomShapesTest {

    @Test
    void a_relays_source_and_a_count_inside_the_states_bracket() {
        assertThat(action("am-relay", "[AM/firing x2] QueueLagHigh · svc=mailer · lag 90s"))
                .contains(Action.OPEN);
        assertThat(action("am-relay", "[AM/resolved x2] QueueLagHigh · svc=mailer · lag 1s"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_cloudwatch_relay_line_with_its_transition() {
        // read by CloudWatch's own recogniser, the alarm named
        var open = Shapes.alert("cw-relay", "CloudWatch OK → ALARM: image-resize-queue-age");
        assertThat(open.map(Classification::action)).contains(Action.OPEN);
        assertThat(open.map(Classification::source)).contains("cloudwatch");
        assertThat(open.map(Classification::alert)).contains("image-resize-queue-age");
        var close = Shapes.alert("cw-relay", "CloudWatch ALARM → OK: image-resize-queue-age");
        assertThat(close.map(Classification::action)).contains(Action.CLOSE);
        assertThat(close.map(Classification::source)).contains("cloudwatch");
    }

    @Test
    void a_close_leading_the_title_over_a_measurement_the_body_repeats() {
        MessageView resolved = new MessageView(
                "Alertmanager",
                true,
                "[ĐÃ ỔN] CacheHitRatioLow (service=\"cache\")\nMô tả: tỉ lệ hit của cache là 42% (ngưỡng 80%) trong 10"
                        + " phút.",
                Map.of(),
                List.of("[ĐÃ ỔN] CacheHitRatioLow (service=\"cache\")"),
                List.of());
        assertThat(Shapes.BUILTIN.classify(resolved).map(Classification::action))
                .contains(Action.CLOSE);
        assertThat(action("relay", "[BÁO ĐỘNG:1] CacheHitRatioLow")).contains(Action.OPEN);
        assertThat(action("relay", "[HẾT CẢNH BÁO] CacheHitRatioLow")).contains(Action.CLOSE);
    }
}
