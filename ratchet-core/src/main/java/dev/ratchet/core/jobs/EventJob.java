package dev.ratchet.core.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * The durable job of one module handler for one event. It carries only keys: the event's details are in its
 * module_runs row and the message is read when the job runs (JobRunr's JobRequest pattern: data apart from code).
 */
public final class EventJob implements JobRequest {

    private String moduleId;
    private String handler;
    private String eventKey;

    public EventJob() {
        // for JobRunr's JSON mapper
    }

    public EventJob(String moduleId, String handler, String eventKey) {
        this.moduleId = moduleId;
        this.handler = handler;
        this.eventKey = eventKey;
    }

    public String getModuleId() {
        return moduleId;
    }

    public String getHandler() {
        return handler;
    }

    public String getEventKey() {
        return eventKey;
    }

    @Override
    public Class<EventJobHandler> getJobRequestHandler() {
        return EventJobHandler.class;
    }
}
