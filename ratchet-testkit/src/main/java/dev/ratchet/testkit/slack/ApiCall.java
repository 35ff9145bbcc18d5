package dev.ratchet.testkit.slack;

import java.util.Map;

/**
 * One Web API call the emulator answered, recorded so that tests can assert on what a client asked for.
 *
 * @param method the API method, such as {@code conversations.history}
 * @param params the form or JSON parameters as strings (JSON-valued ones such as {@code blocks} as JSON text),
 *               without the token
 * @param token  which kind of token authenticated the call
 * @param error  the Slack error code answered ({@code ratelimited} for a 429), or {@code null} when the call succeeded
 */
public record ApiCall(String method, Map<String, String> params, Token token, String error) {

    /** The kind of token a call carried; the token itself is never recorded. */
    public enum Token {
        /** The bot token ({@code xoxb-}). */
        BOT,
        /** The app-level token ({@code xapp-}), used for Socket Mode. */
        APP,
        /** No token at all. */
        NONE,
        /** A token this workspace did not issue. */
        INVALID
    }

    public ApiCall {
        params = Map.copyOf(params);
    }

    /** Whether Slack answered {@code "ok": true}. */
    public boolean ok() {
        return error == null;
    }

    /** A parameter's value, or {@code null}. */
    public String param(String name) {
        return params.get(name);
    }
}
