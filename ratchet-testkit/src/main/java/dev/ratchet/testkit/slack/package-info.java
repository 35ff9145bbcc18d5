/**
 * A Slack emulator for tests: {@link dev.ratchet.testkit.slack.SlackEmulator} serves Slack's Web API, Socket Mode and
 * signed Events API deliveries on 127.0.0.1, so that tests drive the real Bolt for Java and {@code slack-api-client}
 * rather than mocks. {@link dev.ratchet.testkit.slack.ApiCall} and {@link dev.ratchet.testkit.slack.DeliveredEvent}
 * are what it records for assertions.
 */
package dev.ratchet.testkit.slack;
