package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.core.docs.Documentation;
import dev.ratchet.core.jobs.EventJob;
import dev.ratchet.core.jobs.JobSystem;
import dev.ratchet.core.jobs.ModuleJobRequest;
import dev.ratchet.core.jobs.ModuleStateCleanup;
import dev.ratchet.core.llm.Embedder;
import dev.ratchet.core.llm.Reembedding;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.core.slack.BackfillThreadJob;
import dev.ratchet.core.slack.OnboardChannelJob;
import dev.ratchet.spi.LlmUnavailableException;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.navigation.AmountRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The job requests are records: JobRunr writes each to PostgreSQL and reads it back with the same values, and its
 * server runs them. (The handlers of events, module jobs, onboarding and re-embedding are run by JobsTest,
 * OnboardingResumeTest and EmbeddingTest; jobs stored when the requests were classes are read in core's
 * JobRequestJsonTest.)
 */
@ExtendWith(RatchetDatabaseExtension.class)
class JobRequestRecordsTest {

    static JobSystem jobs;

    /** The refresh of an unknown source and the re-embedding runs enqueued here embed nothing. */
    static final Embedder NO_EMBEDDINGS = new Embedder() {
        @Override
        public List<float[]> embed(List<String> texts) throws LlmUnavailableException {
            throw new LlmUnavailableException("no embeddings in this test");
        }

        @Override
        public int dimension() {
            return 384;
        }

        @Override
        public String model() {
            return "none";
        }
    };

    @BeforeAll
    static void start(TestDatabase db) {
        jobs = new JobSystem(db.database(), new Registrations());
        new Documentation(db.database(), NO_EMBEDDINGS, jobs, List.of()); // registers the refresh handler
        new Reembedding(db.database(), NO_EMBEDDINGS, jobs);
        jobs.startServer(2, Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        jobs.close();
    }

    static List<Job> jobs(StateName state) {
        return jobs.storage().getJobList(state, new AmountRequest("updatedAt:ASC", 1_000));
    }

    static Object request(Job job) {
        return job.getJobDetails().getJobParameters().get(0).getObject();
    }

    @Test
    void every_request_comes_back_from_postgresql_with_its_values() {
        List<JobRequest> requests = List.of(
                new EventJob("runbook", "onMessage", "T1:C1:1700000000.000100"),
                new ModuleJobRequest("report", "daily", "{\"channel\":\"C1\",\"days\":7}"),
                new OnboardChannelJob("T1", "C1", 3),
                new BackfillThreadJob("T1", "C1", "1700000000.000100", 2),
                new Documentation.RefreshJob("handbook"),
                new Reembedding.ReembedJob("run-1", 4),
                new ModuleStateCleanup.Request());
        for (JobRequest r : requests) { // due in an hour: stored, not run
            assertThat(jobs.enqueue(r, "stored " + r.getClass().getSimpleName(), null, Duration.ofHours(1), 0, "test"))
                    .isTrue();
        }
        List<Object> stored = jobs(StateName.SCHEDULED).stream()
                .filter(j -> j.getJobName().startsWith("stored "))
                .map(JobRequestRecordsTest::request)
                .toList();
        assertThat(stored).containsExactlyInAnyOrderElementsOf(requests);
    }

    @Test
    void the_job_server_runs_the_core_requests_that_need_no_slack() {
        jobs.enqueue(new ModuleStateCleanup.Request(), "run cleanup", null, Duration.ZERO, 0, "test");
        jobs.enqueue(new Documentation.RefreshJob("no-such-source"), "run refresh", null, Duration.ZERO, 0, "test");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> succeeded("run cleanup").isPresent()
                        && succeeded("run refresh").isPresent());
        assertThat(request(succeeded("run refresh").orElseThrow()))
                .isEqualTo(new Documentation.RefreshJob("no-such-source"));
        assertThat(jobs(StateName.FAILED)).isEmpty();
    }

    static Optional<Job> succeeded(String name) {
        return jobs(StateName.SUCCEEDED).stream()
                .filter(j -> j.getJobName().equals(name))
                .findFirst();
    }
}
