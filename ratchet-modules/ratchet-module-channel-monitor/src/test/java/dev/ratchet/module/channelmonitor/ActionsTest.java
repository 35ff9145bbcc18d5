package dev.ratchet.module.channelmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActionsTest {

    @Test
    void direct_and_channel_messages_are_read_and_blank_output_means_nothing_to_post() {
        Actions a = Actions.parse("""
                {"direct_messages": [{"email": "a@example.com", "text": "hi"}],
                 "channel_messages": [{"channel_id": "C1", "text": "top"}, {"channel_id": "C1", "text": "in thread", "thread_ts": "1.2"}]}
                """);
        assertThat(a.directMessages()).containsExactly(new Actions.DirectMessage("a@example.com", "hi"));
        assertThat(a.channelMessages())
                .containsExactly(
                        new Actions.ChannelMessage("C1", "top", null),
                        new Actions.ChannelMessage("C1", "in thread", "1.2"));
        assertThat(Actions.parse("  \n")).isEqualTo(new Actions(java.util.List.of(), java.util.List.of()));
        assertThat(Actions.parse("{}").channelMessages()).isEmpty();
    }

    @Test
    void malformed_answers_are_refused_saying_what_is_wrong() {
        assertThatThrownBy(() -> Actions.parse("ok")).hasMessageContaining("did not answer a JSON object");
        assertThatThrownBy(() -> Actions.parse("{\"direct_messages\": {}}")).hasMessageContaining("expected a list");
        assertThatThrownBy(() -> Actions.parse("{\"direct_messages\": [{\"text\": \"hi\"}]}"))
                .hasMessageContaining("without email");
        assertThatThrownBy(() -> Actions.parse(
                        "{\"channel_messages\": [{\"channel_id\": \"C1\", \"text\": \"x\", \"thread_ts\": 1}]}"))
                .hasMessageContaining("thread_ts");
        String many =
                "{\"channel_messages\": [" + "{\"channel_id\": \"C1\", \"text\": \"x\"},".repeat(Actions.MAX_PER_KIND)
                        + "{\"channel_id\": \"C1\", \"text\": \"x\"}]}";
        assertThatThrownBy(() -> Actions.parse(many)).hasMessageContaining("at most " + Actions.MAX_PER_KIND);
    }

    @Test
    void the_go_ratchets_slack_ts_names_the_thread_like_thread_ts() {
        Actions a = Actions.parse("""
                {"channel_messages": [{"channel_id": "C1", "text": "in thread", "slack_ts": "1.2"},
                                      {"channel_id": "C1", "text": "same", "slack_ts": "1.2", "thread_ts": "1.2"}]}
                """);
        assertThat(a.channelMessages())
                .containsExactly(
                        new Actions.ChannelMessage("C1", "in thread", "1.2"),
                        new Actions.ChannelMessage("C1", "same", "1.2"));
        assertThatThrownBy(() -> Actions.parse(
                        "{\"channel_messages\": [{\"channel_id\": \"C1\", \"text\": \"x\", \"slack_ts\": \"1.2\", "
                                + "\"thread_ts\": \"3.4\"}]}"))
                .hasMessageContaining("thread_ts 3.4 and slack_ts 1.2");
    }
}
