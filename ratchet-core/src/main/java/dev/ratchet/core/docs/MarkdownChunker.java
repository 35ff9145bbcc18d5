package dev.ratchet.core.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits documentation into chunks for embedding: Markdown along its headings (each chunk keeps its heading path),
 * with YAML front matter read as metadata; other text by blank-line paragraphs. Long sections are cut at paragraph
 * boundaries so a chunk stays near {@code maxChars}.
 */
public final class MarkdownChunker {

    /** A chunk: its heading path and text. */
    public record Chunk(String heading, String text) {}

    /** The front matter (simple {@code key: value} lines) and the chunks of a document. */
    public record Split(Map<String, String> frontMatter, String title, List<Chunk> chunks) {}

    private final int maxChars;

    public MarkdownChunker(int maxChars) {
        this.maxChars = maxChars;
    }

    public Split split(String fileName, String content) {
        String text = content.replace("\r\n", "\n");
        Map<String, String> front = new LinkedHashMap<>();
        if (text.startsWith("---\n")) {
            int end = text.indexOf("\n---", 4);
            if (end > 0) {
                for (String line : text.substring(4, end).split("\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        front.put(
                                line.substring(0, colon).trim(),
                                line.substring(colon + 1).trim().replaceAll("^[\"']|[\"']$", ""));
                    }
                }
                text = text.substring(Math.min(text.length(), end + 4)).replaceFirst("^\n", "");
            }
        }
        boolean markdown = fileName.endsWith(".md") || fileName.endsWith(".markdown");
        List<Chunk> chunks = new ArrayList<>();
        String title = front.get("title");
        if (!markdown) {
            pack("", List.of(text.split("\n\\s*\n")), chunks);
            return new Split(front, title != null ? title : fileName, chunks);
        }
        String[] path = new String[7];
        StringBuilder section = new StringBuilder();
        String heading = "";
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            int level = fenced ? 0 : headingLevel(line);
            if (level > 0) {
                flush(heading, section, chunks);
                path[level] = line.substring(level).trim();
                for (int i = level + 1; i < path.length; i++) {
                    path[i] = null;
                }
                if (title == null && level == 1) {
                    title = path[1];
                }
                heading = String.join(
                        " > ",
                        java.util.Arrays.stream(path)
                                .filter(p -> p != null && !p.isEmpty())
                                .toList());
                section.setLength(0);
                continue;
            }
            section.append(line).append('\n');
        }
        flush(heading, section, chunks);
        return new Split(front, title != null ? title : fileName, chunks);
    }

    private static int headingLevel(String line) {
        int n = 0;
        while (n < line.length() && n < 6 && line.charAt(n) == '#') {
            n++;
        }
        return n > 0 && n < line.length() && line.charAt(n) == ' ' ? n : 0;
    }

    private void flush(String heading, StringBuilder section, List<Chunk> chunks) {
        String body = section.toString().strip();
        if (!body.isEmpty()) {
            pack(heading, List.of(body.split("\n\\s*\n")), chunks);
        }
    }

    /** Packs paragraphs into chunks of at most about {@code maxChars}. */
    private void pack(String heading, List<String> paragraphs, List<Chunk> chunks) {
        StringBuilder current = new StringBuilder();
        for (String p : paragraphs) {
            String para = p.strip();
            if (para.isEmpty()) {
                continue;
            }
            if (current.length() > 0 && current.length() + para.length() > maxChars) {
                chunks.add(new Chunk(heading, current.toString()));
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append("\n\n");
            }
            current.append(para.length() > maxChars * 2 ? para.substring(0, maxChars * 2) : para);
        }
        if (current.length() > 0) {
            chunks.add(new Chunk(heading, current.toString()));
        }
    }
}
