package dev.ratchet.module.docupdate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Slack reply of a proposal: the model's summary and diff ping nobody and hide no link. */
class DocupdateProposalTest {

    @Test
    void the_models_summary_and_diff_ping_nobody_and_show_where_links_go() {
        DocupdateModule.Proposal p = new DocupdateModule.Proposal(
                "handbook",
                "z-databases.md",
                null,
                "<!channel> Adds the WAL step, thanks <@U0EVE0001>; see <https://evil.example|the wiki>",
                "@@ -1 +1,2 @@\n # Databases\n+<!here> run <https://evil.example|pgbackrest> & check < 80%",
                null,
                null,
                "no write access");
        assertThat(p.toSlack())
                .doesNotContain("<!channel>", "<!here>", "<@U0EVE0001>", "|the wiki>", "|pgbackrest>")
                .contains("@channel Adds the WAL step, thanks @U0EVE0001; see the wiki (<https://evil.example>)")
                .contains("+&lt;!here&gt; run &lt;https://evil.example|pgbackrest&gt; &amp; check &lt; 80%");
    }
}
