package dev.ratchet.core.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * The durable job of one module handler for one event. It carries only keys: the event's details are in its
 * module_runs row and the message is read when the job runs (JobRunr's JobRequest pattern: data apart from code).
 * Stored as JSON by JobRunr: the class name and the component names are what jobs already in the database hold.
 */
public record EventJob(String moduleId, String handler, String eventKey) implements JobRequest {

    @Override
    public Class<EventJobHandler> getJobRequestHandler() {
        return EventJobHandler.class;
    }
}
