package io.mcpconnectors.github;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.spi.ToolCallException;

/**
 * The repositories the connector may reach ({@code owner/repo} or {@code owner/*}), enforced before any request:
 * named repositories are checked, and every search is confined to the allowlist by qualifiers, with each result
 * checked again.
 */
public final class RepositoryScope {

    static final String KEY = "connector.github.repositories";
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}");
    static final Pattern REPO = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    /** Search qualifiers that pick repositories or owners. */
    static final Pattern SCOPE_QUALIFIER = Pattern.compile("(?i)^-?(repo|org|user|owner):(\\S+)$");

    private final List<String> owners = new ArrayList<>();
    private final List<String> repositories = new ArrayList<>();

    public RepositoryScope(List<String> entries) {
        for (String raw : entries) {
            String entry = raw.strip();
            String[] parts = entry.split("/", -1);
            if (parts.length != 2 || !NAME.matcher(parts[0]).matches()
                    || !(parts[1].equals("*") || REPO.matcher(parts[1]).matches())) {
                throw new InvalidSettingException(KEY, "has '" + entry + "', which is not owner/repo or owner/*");
            }
            if (parts[1].equals("*")) {
                owners.add(parts[0].toLowerCase(Locale.ROOT));
            } else {
                repositories.add(entry.toLowerCase(Locale.ROOT));
            }
        }
        if (owners.isEmpty() && repositories.isEmpty()) {
            throw new InvalidSettingException(KEY, "must name at least one repository (owner/repo or owner/*)");
        }
    }

    public boolean allows(String owner, String repo) {
        String o = owner.toLowerCase(Locale.ROOT);
        return owners.contains(o) || repositories.contains(o + "/" + repo.toLowerCase(Locale.ROOT));
    }

    public boolean allows(String fullName) {
        int slash = fullName == null ? -1 : fullName.indexOf('/');
        return slash > 0 && allows(fullName.substring(0, slash), fullName.substring(slash + 1));
    }

    /** Checks owner and repo arguments: well-formed and inside the allowlist. */
    public void check(String owner, String repo) {
        if (owner == null || !NAME.matcher(owner).matches() || repo == null || !REPO.matcher(repo).matches()
                || repo.equals(".") || repo.equals("..")) {
            throw new ToolCallException("Arguments 'owner' and 'repo' must name a repository, e.g. owner 'octo-org'"
                    + " and repo 'web-app'.");
        }
        if (!allows(owner, repo)) {
            throw new ToolCallException("Repository " + owner + "/" + repo + " is not available to this connector"
                    + " (connector.github.repositories). Available: " + describe() + ".");
        }
    }

    /**
     * A search query confined to the allowlist. A query that names repositories or owners itself must name only
     * allowed ones (and is then already confined); otherwise the allowlist's qualifiers are added.
     */
    public String confine(String query) {
        if (query == null || query.isBlank()) {
            throw new ToolCallException("Argument 'query' must not be empty.");
        }
        boolean scoped = false;
        for (String token : tokens(query)) {
            Matcher m = SCOPE_QUALIFIER.matcher(token);
            if (!m.matches()) {
                continue;
            }
            if (token.startsWith("-")) {
                continue;
            }
            String kind = m.group(1).toLowerCase(Locale.ROOT);
            String value = m.group(2).replace("\"", "");
            boolean allowed = kind.equals("repo") ? allows(value) : owners.contains(value.toLowerCase(Locale.ROOT));
            if (!allowed) {
                throw new ToolCallException("The query names " + token + ", which is outside this connector's"
                        + " repositories (" + describe() + "). Leave it out: searches cover exactly those.");
            }
            scoped = true;
        }
        return scoped ? query.strip() : query.strip() + " " + qualifiers();
    }

    /** repo:/user: qualifiers for the whole allowlist (GitHub ORs qualifiers of the same kind). */
    String qualifiers() {
        List<String> parts = new ArrayList<>();
        repositories.forEach(r -> parts.add("repo:" + r));
        owners.forEach(o -> parts.add("user:" + o));
        return String.join(" ", parts);
    }

    public String describe() {
        List<String> all = new ArrayList<>(repositories);
        owners.forEach(o -> all.add(o + "/*"));
        return String.join(", ", all);
    }

    /** Whitespace-separated tokens, keeping quoted phrases whole. */
    static List<String> tokens(String query) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : query.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (Character.isWhitespace(c) && !quoted) {
                if (current.length() > 0) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
