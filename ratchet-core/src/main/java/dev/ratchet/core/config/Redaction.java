package dev.ratchet.core.config;

import java.util.regex.Pattern;

/**
 * Takes credentials out of URLs and of text that may quote one, before it reaches a log line or an exception: the
 * userinfo of {@code scheme://user:password@host} and the values of password-like query or JDBC parameters
 * ({@code password=}, {@code sslpassword=}, {@code token=}, {@code api_key=} ...). Everything else is kept so the line
 * still says which endpoint was meant.
 */
public final class Redaction {

    private static final Pattern USERINFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/?#@\\s]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:^|[?&;\\s])[a-z_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)=)[^&;\\s]*");

    private Redaction() {}

    /** {@code text} with the userinfo of every URL in it replaced by {@code ***} and secret parameters' values too. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = USERINFO.matcher(text).replaceAll("$1***@");
        return SECRET_PARAMETER.matcher(out).replaceAll("$1***");
    }
}
