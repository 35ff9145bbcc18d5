package dev.ratchet.core.config;

import java.util.regex.Pattern;

/**
 * Takes credentials out of URLs and of text that may quote one, before it reaches a log line or an exception: the
 * userinfo of {@code scheme://user:password@host} and the values of password-like query or JDBC parameters
 * ({@code password=}, {@code sslpassword=}, {@code token=}, {@code api_key=} ...), and Slack tokens
 * ({@code xoxb-}, {@code xoxp-}, {@code xapp-} ..., whole or cut, as the Slack SDK's debug lines print their start).
 * Everything else is kept so the line still says which endpoint was meant. Quotes and backslashes end a match, so a
 * JSON log line stays JSON.
 */
public final class Redaction {

    // scheme://userinfo@, also as JSON writes it (http:\/\/user:pw@host)
    private static final Pattern USERINFO =
            Pattern.compile("(?i)([a-z][a-z0-9+.-]*:(?:\\\\?/){2})[^/?#@\\s\"'\\\\<>|]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:^|[?&;\\s])[a-z_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)=)"
                    + "[^&;\\s\"'\\\\<>]*");
    private static final Pattern SLACK_TOKEN = Pattern.compile("\\b(xox[abeoprs]|xapp)-[A-Za-z0-9-]*");

    private Redaction() {}

    /**
     * {@code text} with the userinfo of every URL in it, secret parameters' values and Slack tokens replaced by
     * {@code ***}.
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = USERINFO.matcher(text).replaceAll("$1***@");
        out = SECRET_PARAMETER.matcher(out).replaceAll("$1***");
        return SLACK_TOKEN.matcher(out).replaceAll("$1-***");
    }
}
