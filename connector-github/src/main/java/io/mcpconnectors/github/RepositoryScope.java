package io.mcpconnectors.github;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.spi.ToolCallException;

/**
 * The repositories the connector may reach ({@code owner/repo} or {@code owner/*}), enforced before any request:
 * named repositories are checked, and every search is confined to the allowlist by qualifiers the connector writes
 * itself, with each result checked again. With user-bound access a caller gets a scope of its own,
 * {@link #narrowedTo narrowed} from the allowlist to the repositories mapped for it; everything here then holds for
 * that narrower list, and the allowlist still holds underneath.
 */
public final class RepositoryScope {

    static final String KEY = "connector.github.repositories";
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}");
    static final Pattern REPO = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    /** A search qualifier that picks repositories or owners: negation, kind, value (bare or quoted). */
    static final Pattern SCOPE_QUALIFIER = Pattern.compile("(?i)(-)?(repo|org|user|owner):([^\\s\"]+|\"[^\"]+\")");
    /**
     * Anything that might be read as a repository or owner qualifier, wherever it stands: after a parenthesis, a
     * quote or another qualifier's colon, or with space of any kind (or an invisible character) before the colon.
     */
    static final Pattern SCOPE_TEXT = Pattern.compile("(?i)(?<![\\p{L}\\p{N}_])"
            + "(repo|repository|org|organization|organisation|user|owner)[\\s\\p{Z}\\p{Cf}]*:");
    /** GitHub's boolean operators. */
    static final Pattern OPERATOR = Pattern.compile("AND|OR|NOT");
    /** The operators in another case: sent quoted, so that no parser can take them for operators. */
    static final Pattern OPERATOR_WORD = Pattern.compile("(?i)-?(and|or|not)");
    /** A plain search term, optionally negated; no quotes, parentheses, colons or backslashes. */
    static final Pattern WORD = Pattern.compile("-?[\\p{L}\\p{N}_.@#+*/=<>-]+");
    /** A qualifier: negation, key, value (bare, or quoted without quotes inside, e.g. label:"help wanted"). */
    static final Pattern QUALIFIER = Pattern.compile(
            "(-)?([A-Za-z][A-Za-z-]*):([\\p{L}\\p{N}_.@#+*/=<>~-]+|\"[^\"\\\\\\p{Cntrl}]+\")");
    /** Qualifiers of issue, repository and code search that filter within repositories and pick none. */
    static final Set<String> SEARCH_QUALIFIERS = Set.of("archived", "assignee", "author", "base", "closed",
            "commenter", "comments", "created", "draft", "extension", "filename", "followers", "fork", "forks",
            "good-first-issues", "head", "help-wanted-issues", "in", "interactions", "involves", "is", "label",
            "language", "license", "linked", "merged", "mentions", "milestone", "mirror", "no", "path", "pushed",
            "reactions", "reason", "review", "review-requested", "reviewed-by", "size", "sort", "stars", "state",
            "status", "team", "team-review-requested", "template", "topic", "topics", "type", "updated",
            "user-review-requested");

    private final List<String> owners;
    private final List<String> repositories;
    /** The scope this one narrows (the allowlist), or null for the allowlist itself. */
    private final RepositoryScope within;
    /** Whose repositories these are, and the setting that names them, for messages. */
    private final String whose;
    private final String setting;

    /** The connector's allowlist, {@code connector.github.repositories}. */
    public RepositoryScope(List<String> entries) {
        this(parse(entries, entry -> new InvalidSettingException(KEY, "has '" + entry + "', which is not owner/repo"
                + " or owner/*"), () -> new InvalidSettingException(KEY, "must name at least one repository"
                        + " (owner/repo or owner/*)")), null, "this connector's", KEY);
    }

    private RepositoryScope(Entries entries, RepositoryScope within, String whose, String setting) {
        this.owners = entries.owners();
        this.repositories = entries.repositories();
        this.within = within;
        this.whose = whose;
        this.setting = setting;
    }

    /** Owners whose every repository is in scope, and single repositories, lower case. */
    private record Entries(List<String> owners, List<String> repositories) {
    }

    private static Entries parse(List<String> entries, Function<String, RuntimeException> malformed,
            Supplier<RuntimeException> empty) {
        List<String> owners = new ArrayList<>();
        List<String> repositories = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            String[] parts = entry.split("/", -1);
            if (parts.length != 2 || !NAME.matcher(parts[0]).matches()
                    || !(parts[1].equals("*") || REPO.matcher(parts[1]).matches())) {
                throw malformed.apply(entry);
            }
            if (parts[1].equals("*")) {
                owners.add(parts[0].toLowerCase(Locale.ROOT));
            } else {
                repositories.add(entry.toLowerCase(Locale.ROOT));
            }
        }
        if (owners.isEmpty() && repositories.isEmpty()) {
            throw empty.get();
        }
        return new Entries(List.copyOf(owners), List.copyOf(repositories));
    }

    /**
     * The scope of one caller: the repositories mapped for it ({@code connector.identity.map}), each of which must be
     * inside this allowlist, an {@code owner/*} entry only where the allowlist has the same.
     *
     * @throws IllegalArgumentException naming the entry that is malformed or not covered by the allowlist
     */
    public RepositoryScope narrowedTo(List<String> entries) {
        Entries narrower = parse(entries, entry -> new IllegalArgumentException("'" + entry + "' is not owner/repo or"
                + " owner/*"), () -> new IllegalArgumentException("names no repository (owner/repo or owner/*,"
                        + " comma-separated)"));
        for (String raw : entries) {
            String entry = raw.strip();
            String[] parts = entry.split("/", -1);
            if (parts[1].equals("*") && !owners.contains(parts[0].toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("'" + entry + "' is not within " + KEY + " (" + describe() + "),"
                        + " which does not allow every repository of " + parts[0] + "; map only what it allows");
            }
            if (!parts[1].equals("*") && !allows(entry)) {
                throw new IllegalArgumentException("'" + entry + "' is not within " + KEY + " (" + describe()
                        + "); map only repositories it allows, or add it there first");
            }
        }
        return new RepositoryScope(narrower, this, "your", "connector.identity.map");
    }

    /** The single repositories this scope names ({@code owner/repo}, lower case), sorted. */
    public List<String> namedRepositories() {
        return repositories.stream().filter(this::allows).sorted().toList();
    }

    /** The owners whose every repository this scope allows ({@code owner/*}, lower case), sorted. */
    public List<String> wholeOwners() {
        return owners.stream().filter(o -> within == null || within.owners.contains(o)).sorted().toList();
    }

    public boolean allows(String owner, String repo) {
        String o = owner.toLowerCase(Locale.ROOT);
        boolean own = owners.contains(o) || repositories.contains(o + "/" + repo.toLowerCase(Locale.ROOT));
        return own && (within == null || within.allows(owner, repo));
    }

    /** Whether {@code owner/repo}, well-formed, is inside the allowlist (anything else is not). */
    public boolean allows(String fullName) {
        String[] parts = fullName == null ? new String[0] : fullName.split("/", -1);
        return parts.length == 2 && NAME.matcher(parts[0]).matches() && REPO.matcher(parts[1]).matches()
                && !parts[1].equals(".") && !parts[1].equals("..") && allows(parts[0], parts[1]);
    }

    /** Checks owner and repo arguments: well-formed and inside the allowlist. */
    public void check(String owner, String repo) {
        if (owner == null || !NAME.matcher(owner).matches() || repo == null || !REPO.matcher(repo).matches()
                || repo.equals(".") || repo.equals("..")) {
            throw new ToolCallException("Arguments 'owner' and 'repo' must name a repository, e.g. owner 'octo-org'"
                    + " and repo 'web-app'.");
        }
        if (!allows(owner, repo)) {
            throw new ToolCallException("Repository " + owner + "/" + repo + " is not available to "
                    + (within == null ? "this connector" : "you") + " (" + setting + "). Available: " + describe() + ".");
        }
    }

    /**
     * A search query confined to the allowlist, built so that nothing in the caller's text can change the scope,
     * however GitHub parses it. The caller's text becomes a plain conjunction of terms: words and well-formed
     * qualifiers of a known, non-scope kind pass as they are; anything else is sent as a quoted phrase without
     * quotes or backslashes inside. Boolean operators, unbalanced quotes and repository or owner qualifiers that
     * cannot be checked are refused. The scope qualifiers are the connector's, appended last: those of the allowlist,
     * or the allowed repositories and owners the caller named, which narrow it.
     */
    public String confine(String query) {
        if (query == null || query.isBlank()) {
            throw new ToolCallException("Argument 'query' must not be empty.");
        }
        List<String> terms = new ArrayList<>();
        List<String> scope = new ArrayList<>();
        long mentions = SCOPE_TEXT.matcher(query).results().count();
        long qualifiers = 0;
        for (String token : tokens(query)) {
            if (OPERATOR.matcher(token).matches()) {
                throw new ToolCallException("The query uses " + token + ", which this connector does not pass to"
                        + " GitHub: it could widen the search beyond this connector's repositories. Run one search"
                        + " per alternative, or use -term / -qualifier:value to exclude.");
            }
            Matcher scoped = SCOPE_QUALIFIER.matcher(token);
            if (scoped.matches()) {
                qualifiers++;
                Optional<String> qualifier = scopeQualifier(token, scoped);
                if (qualifier.isEmpty()) {
                    continue;
                }
                if (scoped.group(1) != null) {
                    terms.add(qualifier.get());
                } else if (!scope.contains(qualifier.get())) {
                    scope.add(qualifier.get());
                }
            } else if (SCOPE_TEXT.matcher(token).find()) {
                throw unchecked(token);
            } else {
                term(token).ifPresent(terms::add);
            }
        }
        if (mentions != qualifiers) {
            // A mention that spans tokens, such as "repo :x".
            throw unchecked(query.strip());
        }
        terms.addAll(scope.isEmpty() ? qualifiers() : scope);
        return String.join(" ", terms);
    }

    private ToolCallException unchecked(String text) {
        return new ToolCallException("The query has " + text + ", which names a repository or owner in a form the"
                + " connector cannot check. Write it on its own as repo:owner/name, org:owner or user:owner, within "
                + describe() + ".");
    }

    /**
     * A repository or owner qualifier of the caller's, normalised; refused unless well-formed and allowed. An
     * exclusion of something outside the allowlist excludes nothing the scope lets in, and is left out, so that no
     * request names anything outside it.
     */
    private Optional<String> scopeQualifier(String token, Matcher m) {
        String kind = m.group(2).toLowerCase(Locale.ROOT);
        String value = m.group(3).startsWith("\"") ? m.group(3).substring(1, m.group(3).length() - 1) : m.group(3);
        String[] parts = value.split("/", -1);
        boolean wellFormed = kind.equals("repo")
                ? parts.length == 2 && NAME.matcher(parts[0]).matches() && REPO.matcher(parts[1]).matches()
                : NAME.matcher(value).matches();
        if (!wellFormed) {
            throw new ToolCallException("The query has " + token + ", which is not a repository (repo:owner/name) or"
                    + " owner (org:owner, user:owner) the connector can check.");
        }
        boolean negated = m.group(1) != null;
        boolean allowed = kind.equals("repo") ? allows(value) : owners.contains(value.toLowerCase(Locale.ROOT));
        if (!negated && !allowed) {
            throw new ToolCallException("The query names " + token + ", which is outside " + whose
                    + " repositories (" + describe() + "). Leave it out: searches cover exactly those.");
        }
        if (negated && !allowed) {
            return Optional.empty();
        }
        // user: covers organisations as well as users.
        return Optional.of((negated ? "-" : "") + (kind.equals("repo") ? "repo:" : "user:")
                + value.toLowerCase(Locale.ROOT));
    }

    /** One of the caller's terms as sent: as it is when it is plainly a word or a known qualifier, else a phrase. */
    static Optional<String> term(String token) {
        Matcher qualifier = QUALIFIER.matcher(token);
        if (qualifier.matches() && SEARCH_QUALIFIERS.contains(qualifier.group(2).toLowerCase(Locale.ROOT))) {
            return Optional.of(token);
        }
        if (WORD.matcher(token).matches() && !OPERATOR_WORD.matcher(token).matches()) {
            return Optional.of(token);
        }
        boolean negated = token.startsWith("-") && token.length() > 1;
        String phrase = (negated ? token.substring(1) : token).replaceAll("[\"\\\\\\p{Cntrl}\\p{Cf}]", " ")
                .replaceAll("\\s+", " ").strip();
        return phrase.isEmpty() ? Optional.empty()
                : Optional.of((negated ? "-" : "") + "\"" + phrase + "\"");
    }

    /** repo:/user: qualifiers for the whole allowlist (GitHub takes repository and owner qualifiers as either-or). */
    List<String> qualifiers() {
        List<String> parts = new ArrayList<>();
        repositories.forEach(r -> parts.add("repo:" + r));
        owners.forEach(o -> parts.add("user:" + o));
        return parts;
    }

    public String describe() {
        List<String> all = new ArrayList<>(repositories);
        owners.forEach(o -> all.add(o + "/*"));
        return String.join(", ", all);
    }

    /**
     * Tokens separated by white space of any kind (Unicode spaces included, so that no separator GitHub might see
     * hides inside a token), keeping quoted phrases whole. An unbalanced quote is refused: what it would extend to
     * is up to the parser.
     */
    static List<String> tokens(String query) {
        if (query.chars().filter(c -> c == '"').count() % 2 != 0) {
            throw new ToolCallException("The query has an unbalanced quote (\"); close the quoted phrase or leave the"
                    + " quote out.");
        }
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : query.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if ((Character.isWhitespace(c) || Character.isSpaceChar(c)) && !quoted) {
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
