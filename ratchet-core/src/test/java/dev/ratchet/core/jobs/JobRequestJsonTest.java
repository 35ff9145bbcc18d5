package dev.ratchet.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.core.docs.Documentation;
import dev.ratchet.core.llm.Reembedding;
import dev.ratchet.core.slack.BackfillThreadJob;
import dev.ratchet.core.slack.OnboardChannelJob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobDetails;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.junit.jupiter.api.Test;

/**
 * The job requests are records, and JobRunr stores them as JSON with the mapper {@link JobSystem} gives it. Jobs
 * stored by 0.1, when they were classes with fields and getters, must still run: the resource holds jobs as 0.1's
 * JobRunr mapper wrote them, one a line, in the order of {@link #REQUESTS}.
 */
class JobRequestJsonTest {

    static final List<JobRequest> REQUESTS = List.of(
            new EventJob("runbook", "onMessage", "T1:C1:1.2"),
            new ModuleJobRequest("report", "daily", "{\"a\":1}"),
            new OnboardChannelJob("T1", "C1", 3),
            new BackfillThreadJob("T1", "C1", "1.2", 2),
            new Documentation.RefreshJob("handbook"),
            new Reembedding.ReembedJob("run1", 4),
            new ModuleStateCleanup.Request());

    private final JobMapper mapper = new JobMapper(new JacksonJsonMapper()); // as JobSystem sets up its storage

    static List<String> classFormJobs() throws IOException {
        try (InputStream in = JobRequestJsonTest.class.getResourceAsStream("/jobrunr/class-form-jobs.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .toList();
        }
    }

    @Test
    void jobs_stored_when_the_requests_were_classes_read_as_the_records() throws IOException {
        List<String> stored = classFormJobs();
        assertThat(stored).hasSameSizeAs(REQUESTS);
        for (int i = 0; i < stored.size(); i++) {
            Job job = mapper.deserializeJob(stored.get(i));
            assertThat(job.getJobDetails().getJobParameters().get(0).getObject())
                    .isEqualTo(REQUESTS.get(i));
        }
    }

    @Test
    void records_are_written_as_the_classes_were_and_read_back_equal() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> stored = classFormJobs();
        for (int i = 0; i < REQUESTS.size(); i++) {
            JobRequest request = REQUESTS.get(i);
            String written = mapper.serializeJob(new Job(new JobDetails(request)));
            JsonNode now = json.readTree(written).get("jobDetails");
            JsonNode before = json.readTree(stored.get(i)).get("jobDetails");
            assertThat(now).as("jobDetails of %s", request).isEqualTo(before);
            assertThat(mapper.deserializeJob(written)
                            .getJobDetails()
                            .getJobParameters()
                            .get(0)
                            .getObject())
                    .isEqualTo(request);
        }
    }
}
