package dev.ratchet.app;

import dev.ratchet.core.storage.DirectoryRepository;
import dev.ratchet.spi.kit.SlackIds;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A channel as a person names it on the command line, the same for every command: {@code #name}, {@code name} or its
 * id. An unknown one is bad input (exit 2) naming the channels that are known.
 */
final class ChannelArg {

    private static final int KNOWN_SHOWN = 12;

    private ChannelArg() {}

    /**
     * The id of the stored channel named {@code named}.
     *
     * @param newIdAllowed whether an id-shaped word that no stored channel has is taken as is (onboarding a channel
     *                     the bot has not seen yet)
     * @throws IllegalArgumentException "no channel named X; known: …"
     */
    static String resolve(DirectoryRepository directory, String named, String option, boolean newIdAllowed) {
        var found = directory.resolveChannel(named);
        if (found.isPresent()) {
            return found.get();
        }
        if (newIdAllowed && SlackIds.isChannelId(named)) {
            return named;
        }
        List<String> known = directory.channelNames(KNOWN_SHOWN + 1);
        String list = known.isEmpty()
                ? "none yet (onboard one with 'ratchet onboard CHANNEL_ID', or try 'ratchet demo')"
                : known.stream().limit(KNOWN_SHOWN).map(n -> "#" + n).collect(Collectors.joining(", "))
                        + (known.size() > KNOWN_SHOWN ? ", …" : "");
        throw new IllegalArgumentException(option + ": no channel named '" + named + "'; known: " + list);
    }
}
