package dev.ratchet.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelTextTest {

    @Test
    void broadcasts_become_plain_text() {
        assertThat(ModelText.neutralise("<!channel> <!here> <!everyone> <!here|here> done", Set.of("U1")))
                .isEqualTo("@channel @here @everyone @here done");
    }

    @Test
    void mentions_stay_only_when_the_request_had_them() {
        Set<String> allowed = ModelText.mentionsIn("ask <@U_BOB> or <!subteam^S1|@oncall>", null);
        assertThat(allowed).containsExactly("U_BOB", "S1");
        assertThat(ModelText.neutralise(
                        "ping <@U_BOB>, <@U_EVE|eve>, <@U_MALLORY>, <!subteam^S1|@oncall> and <!subteam^S2|@all-staff>",
                        allowed))
                .isEqualTo("ping <@U_BOB>, @eve, @U_MALLORY, <!subteam^S1|@oncall> and @all-staff");
        assertThat(ModelText.neutralise("<@U_BOB>", null)).isEqualTo("@U_BOB");
    }

    @Test
    void links_show_their_target() {
        assertThat(ModelText.neutralise("log in at <https://evil.example|Slack SSO> now", Set.of()))
                .isEqualTo("log in at Slack SSO (<https://evil.example>) now");
        assertThat(ModelText.neutralise("see <https://x.example/a?b=1&amp;c=2>", Set.of()))
                .isEqualTo("see <https://x.example/a?b=1&amp;c=2>");
        assertThat(ModelText.neutralise("<mailto:a@b.example|a@b.example>", Set.of()))
                .isEqualTo("<mailto:a@b.example>");
        assertThat(ModelText.neutralise("<https://evil.example|<b>SSO</b>>", Set.of()))
                .doesNotContain("<https")
                .contains("https://evil.example");
    }

    @Test
    void other_angle_brackets_and_ampersands_are_escaped_once() {
        assertThat(ModelText.neutralise("if a < b && c > d, see <not a link> & keep &amp; &lt;x&gt;", Set.of()))
                .isEqualTo("if a &lt; b &amp;&amp; c &gt; d, see &lt;not a link&gt; &amp; keep &amp; &lt;x&gt;");
        String once = ModelText.neutralise("x < y & <https://a.example|A>", Set.of());
        assertThat(ModelText.neutralise(once, Set.of())).isEqualTo(once); // idempotent: nothing escaped twice
    }

    @Test
    void formatting_channels_and_dates_are_kept() {
        assertThat(ModelText.neutralise("*bold* _it_ `code` in <#C1|ops> at <!date^1392734382^{date}|Feb 18>", null))
                .isEqualTo("*bold* _it_ `code` in <#C1|ops> at <!date^1392734382^{date}|Feb 18>");
        assertThat(ModelText.neutralise(null, null)).isEmpty();
    }
}
