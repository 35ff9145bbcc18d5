package dev.ratchet.core.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** The lane key of Socket Mode events: the message an event is about, so that one message's events keep their order. */
class SocketModeLanesTest {

    private static String key(String eventJson) {
        return SocketModeLanes.key(JsonParser.parseString("{\"event_id\": \"Ev1\", \"event\": " + eventJson + "}"));
    }

    @Test
    void the_events_of_one_message_share_its_key() {
        String message = key("{\"type\": \"message\", \"channel\": \"C1\", \"ts\": \"1700000000.000100\"}");
        assertThat(message).isEqualTo("C1:1700000000.000100");
        assertThat(key("{\"type\": \"app_mention\", \"channel\": \"C1\", \"ts\": \"1700000000.000100\"}"))
                .isEqualTo(message);
        assertThat(key("{\"type\": \"message\", \"subtype\": \"message_changed\", \"channel\": \"C1\","
                        + " \"ts\": \"1700000099.000000\", \"message\": {\"ts\": \"1700000000.000100\"}}"))
                .isEqualTo(message);
        assertThat(key("{\"type\": \"message\", \"subtype\": \"message_deleted\", \"channel\": \"C1\","
                        + " \"ts\": \"1700000099.000000\", \"deleted_ts\": \"1700000000.000100\"}"))
                .isEqualTo(message);
        assertThat(key("{\"type\": \"reaction_added\", \"user\": \"U1\", \"reaction\": \"eyes\","
                        + " \"item\": {\"type\": \"message\", \"channel\": \"C1\", \"ts\": \"1700000000.000100\"}}"))
                .isEqualTo(message);
        assertThat(key("{\"type\": \"reaction_removed\", \"user\": \"U1\", \"reaction\": \"eyes\","
                        + " \"item\": {\"type\": \"message\", \"channel\": \"C1\", \"ts\": \"1700000000.000100\"}}"))
                .isEqualTo(message);
        // another message of the channel is another key (another lane, or the same by chance)
        assertThat(key("{\"type\": \"message\", \"channel\": \"C1\", \"ts\": \"1700000000.000200\"}"))
                .isNotEqualTo(message);
    }

    @Test
    void events_about_no_message_are_keyed_by_their_channel_or_nothing() {
        assertThat(key("{\"type\": \"member_joined_channel\", \"user\": \"U1\", \"channel\": \"C1\"}"))
                .isEqualTo("C1:");
        assertThat(key("{\"type\": \"channel_rename\", \"channel\": {\"id\": \"C1\", \"name\": \"ops\"}}"))
                .isEqualTo("C1:");
        assertThat(SocketModeLanes.key(JsonParser.parseString("{\"type\": \"url_verification\"}")))
                .isEmpty();
        assertThat(SocketModeLanes.key(null)).isEmpty();
    }
}
