package dev.ratchet.spi.kit;

import java.util.regex.Pattern;

/**
 * The one check of a Slack channel id that Ratchet's core, API and modules share: {@code C}, {@code G} or {@code D}
 * followed by capital letters, digits or underscores ({@code C0123ABCD}; test workspaces use ids such as
 * {@code C_OPS}). A {@code #name} is not an id: commands resolve names to ids before they get here.
 *
 * @since 0.2
 */
public final class SlackIds {

    /** A channel, private channel or DM id. */
    public static final Pattern CHANNEL_ID = Pattern.compile("[CDG][A-Z0-9_]{2,79}");

    private SlackIds() {}

    /** Whether {@code text} is shaped like a channel id. */
    public static boolean isChannelId(String text) {
        return text != null && CHANNEL_ID.matcher(text).matches();
    }

    /**
     * {@code text} if it is shaped like a channel id.
     *
     * @throws IllegalArgumentException naming the value and the expected shape
     */
    public static String requireChannelId(String text) {
        if (!isChannelId(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a Slack channel id; give its id, such as"
                    + " C0123ABCD (the channel's details in Slack show it)");
        }
        return text;
    }
}
