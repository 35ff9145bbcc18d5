/**
 * An OpenAI-compatible LLM server for tests: {@link dev.ratchet.testkit.llm.OpenAiStub} serves
 * {@code /v1/chat/completions}, {@code /v1/embeddings} and {@code /v1/models} on 127.0.0.1, so that tests drive the
 * real {@code openai-java} client (or any other OpenAI-compatible client) rather than mocks.
 *
 * <p>Chat answers are scripted with {@link dev.ratchet.testkit.llm.ChatRule}s that match the parsed
 * {@link dev.ratchet.testkit.llm.ChatRequest} and answer a {@link dev.ratchet.testkit.llm.ChatReply}; embeddings are
 * deterministic hashed bag-of-words vectors; failures (429, 5xx, malformed bodies, slow answers) are injected on
 * demand. Every request is kept as a {@link dev.ratchet.testkit.llm.RecordedRequest} for assertions.
 */
package dev.ratchet.testkit.llm;
