package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Where a bot's state lives when it is no sentence: a code block of aligned rows, a flat JSON record, a run's line of
 * cells. Written in Telugu, a language no blind set's description names.
 */
class CardShapesTest {

    final BuiltinClassifier builtin = new BuiltinClassifier();

    Classification classify(MessageView view) {
        return builtin.classify(view).orElseThrow(() -> new AssertionError("not recognised: " + view.text()));
    }

    @Test
    void a_bots_code_block_of_aligned_rows_is_a_card_its_state_row_leading() {
        String open =
                "```\nస్థితి     🔴 క్లిష్టమైన\nహోస్ట్      billing-db02\nతనిఖీ      disk /srv/data\nవిలువ      95%  (పరిమితి 90%)\n```";
        Classification c = classify(MessageView.ofText("కాపలా", true, open));
        assertThat(c.action()).isEqualTo(Action.OPEN);
        assertThat(c.service()).isEqualTo("billing-db02");
        assertThat(c.alert()).isEqualTo("disk /srv/data");
        String close =
                "```\nస్థితి     🟢 పునరుద్ధరించబడింది\nహోస్ట్      billing-db02\nతనిఖీ      disk /srv/data\n```";
        assertThat(classify(MessageView.ofText("కాపలా", true, close)).action()).isEqualTo(Action.CLOSE);
    }

    @Test
    void a_person_pasting_the_same_block_posts_no_card() {
        String paste = "```\nస్థితి     🔴 క్లిష్టమైన\nహోస్ట్      billing-db02\n```";
        assertThat(BuiltinClassifier.codeBlockCard(MessageView.ofText("ravi", false, paste)))
                .isNull();
        assertThat(BuiltinClassifier.codeBlockCard(MessageView.ofText("కాపలా", true, "see:\n" + paste)))
                .isNull();
    }

    @Test
    void a_bots_flat_json_record_is_read_as_its_key_value_line_a_state_in_any_language() {
        String failed =
                "{\"job\": \"gst_upload\", \"status\": \"విఫలం\", \"attempt\": \"1/3\", \"note\": \"portal 503\"}";
        MessageView record = BuiltinClassifier.jsonRecord(MessageView.ofText("పని", true, failed));
        assertThat(record).isNotNull();
        assertThat(record.text()).startsWith("job=gst_upload status=విఫలం attempt=1/3");
        Classification c = classify(MessageView.ofText("పని", true, failed));
        assertThat(c.action()).isEqualTo(Action.OPEN);
        assertThat(c.alert()).isEqualTo("gst_upload");
        assertThat(BuiltinClassifier.jsonRecord(MessageView.ofText("ravi", false, failed)))
                .isNull();
    }

    @Test
    void a_runs_line_of_cells_names_its_job_when_a_later_cell_is_a_state_word() {
        assertThat(TableStates.runCellsState("gst_upload ▸ విఫలం ▸ ప్రయత్నం 1/3 ▸ 2m 10s"))
                .isEqualTo("gst_upload");
        assertThat(TableStates.runCellsState("gst_upload | విఫలం | 1/3 | 2m")).isEqualTo("gst_upload");
        // a summary's count before the word is no state; a sentence's first word is no job
        assertThat(TableStates.runCellsState("nightly_batch ▸ 0 విఫలం ▸ 12 jobs ▸ 40m"))
                .isNull();
        assertThat(TableStates.runCellsState("backup ▸ విఫలం ▸ 1/3")).isNull();
        Classification c = classify(MessageView.ofText("పని", true, "gst_upload ▸ విఫలం ▸ ప్రయత్నం 1/3 ▸ 2m 10s"));
        assertThat(c.action()).isEqualTo(Action.OPEN);
        assertThat(c.alert()).isEqualTo("gst_upload");
    }
}
