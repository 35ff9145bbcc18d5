package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind set 151 (2026-12-07, sixth session: a mine site whose alerts reach Slack as tickets and cards),
 * written here with other tools and words than the set's: an alert relayed into a ticket system or a board, whose bot
 * posts the ticket's life. The ticket's event is the alert's (created: open; solved, closed, moved to Done, archived:
 * close; a follow-up, a comment, a move to another list: none); a ticket whose subject is no alert stays a look-alike,
 * and so does the relay's test.
 */
class TicketRelayShapesTest {

    static Optional<Action> card(String poster, String title, String state) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(
                Map.of("type", "message", "subtype", "bot_message", "username", poster, "text", ""));
        m.put(
                "attachments",
                List.of(Map.of(
                        "title",
                        title,
                        "fields",
                        List.of(
                                Map.of("title", "State", "value", state, "short", true),
                                Map.of("title", "Queue", "value", "Infra::Storage", "short", true)))));
        return Shapes.RULES
                .classify(MessageView.ofSlack(m))
                .filter(Classification::isAlert)
                .map(Classification::action);
    }

    @Test
    void a_ticket_created_from_an_alert_opens_and_its_solution_closes() {
        assertThat(Shapes.rulesAction("osTicket", "[osTicket #2291] New ticket: [FIRING:2] NodeFilesystemAlmostFull"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction(
                        "osTicket", "[osTicket #2291] Ticket closed: [RESOLVED] NodeFilesystemAlmostFull"))
                .contains(Action.CLOSE);
        // a follow-up on the same ticket changes nothing
        assertThat(Shapes.rulesAction(
                        "osTicket", "[osTicket #2291] New follow-up: [FIRING:2] NodeFilesystemAlmostFull\nfreed 40 GB"))
                .isEmpty();
        // a ticket about no alert is a ticket
        assertThat(Shapes.rulesAction("osTicket", "[osTicket #2292] New ticket: printer on floor 3 jams"))
                .isEmpty();
        // the relay's test
        assertThat(Shapes.rulesAction("osTicket", "[osTicket #2293] New ticket: [FIRING:1] TestAlert"))
                .isEmpty();
    }

    @Test
    void a_task_whose_status_changes_to_done_closes_the_alert_it_carries() {
        assertThat(Shapes.rulesAction(
                        "Asana", "Status changed to Done in Platform › Alarms: ALARM: orders-queue-depth"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction(
                        "Asana", "Status changed to In progress in Platform › Alarms: ALARM: orders-queue-depth"))
                .isEmpty();
    }

    @Test
    void a_boards_card_added_to_the_first_list_opens_and_moved_to_done_closes() {
        assertThat(Shapes.rulesAction("trello-sync", "pd-bridge added \"PD #5510 · checkout latency\" to \"Inbox\""))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction(
                        "trello-sync", "pd-bridge moved \"PD #5510 · checkout latency\" from \"Inbox\" to \"Done\""))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction(
                        "trello-sync", "kim moved \"PD #5510 · checkout latency\" from \"Inbox\" to \"Doing\""))
                .isEmpty();
        assertThat(Shapes.rulesAction("trello-sync", "kim commented on \"PD #5510 · checkout latency\": \"on it\""))
                .isEmpty();
        // a card that is no alert
        assertThat(Shapes.rulesAction("trello-sync", "kim added \"Plan the Q3 offsite\" to \"Inbox\""))
                .isEmpty();
    }

    @Test
    void a_numbered_tickets_state_field_new_opens_and_closed_closes() {
        assertThat(card("OTRS", "Ticket#2031 — [PagerDuty #77] NFS mount stale on build-04", "new"))
                .contains(Action.OPEN);
        assertThat(card("OTRS", "Ticket#2031 — [PagerDuty #77] NFS mount stale on build-04", "closed successful"))
                .contains(Action.CLOSE);
        assertThat(card("OTRS", "Ticket#2031 — [PagerDuty #77] NFS mount stale on build-04", "pending reminder"))
                .isEmpty();
        assertThat(card("OTRS", "Ticket#2032 — new laptop for Sam", "new")).isEmpty();
    }
}
