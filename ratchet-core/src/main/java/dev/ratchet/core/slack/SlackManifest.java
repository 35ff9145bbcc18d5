package dev.ratchet.core.slack;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** A Slack app manifest ({@code app-manifest.yaml}): the bot scopes it asks for. */
public final class SlackManifest {

    private SlackManifest() {}

    /**
     * The bot scopes of {@code oauth_config.scopes.bot}.
     *
     * @throws IllegalArgumentException when the text is not a manifest with bot scopes
     */
    public static Set<String> botScopes(String yaml) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "not YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root instanceof Map<?, ?> m
                && m.get("oauth_config") instanceof Map<?, ?> oauth
                && oauth.get("scopes") instanceof Map<?, ?> scopes
                && scopes.get("bot") instanceof List<?> bot) {
            Set<String> names = new TreeSet<>();
            bot.forEach(s -> names.add(String.valueOf(s).trim()));
            return names;
        }
        throw new IllegalArgumentException("no oauth_config.scopes.bot list");
    }
}
