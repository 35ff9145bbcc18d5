package dev.ratchet.module.runbook;

import dev.ratchet.spi.JsonText;

import java.util.ArrayList;
import java.util.List;

/** A small Block Kit builder: enough for headers, mrkdwn sections, dividers and context lines, with JSON escaping. */
final class Blocks {

    private final List<String> blocks = new ArrayList<>();

    Blocks header(String text) {
        blocks.add("{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":" + str(limit(text, 150)) + "}}");
        return this;
    }

    Blocks section(String mrkdwn) {
        blocks.add("{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":" + str(limit(mrkdwn, 3000)) + "}}");
        return this;
    }

    Blocks divider() {
        blocks.add("{\"type\":\"divider\"}");
        return this;
    }

    Blocks context(String mrkdwn) {
        blocks.add("{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":" + str(limit(mrkdwn, 2000)) + "}]}");
        return this;
    }

    String json() {
        return "[" + String.join(",", blocks) + "]";
    }

    /** Slack's mrkdwn needs &, < and > escaped in text that is not markup. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String limit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** A JSON string literal. */
    static String str(String s) {
        return JsonText.write(s);
    }
}
