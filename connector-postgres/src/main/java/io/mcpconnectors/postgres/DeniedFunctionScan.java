package io.mcpconnectors.postgres;

import java.util.Locale;

/**
 * Finds calls of refused functions anywhere in a statement's text, whatever clause they sit in (ORDER BY, window
 * definitions, FILTER, OFFSET, subscripts, ...) and however their name is spelled (schema-qualified, quoted, upper
 * case), by reading the text the way PostgreSQL's lexer does: string constants (standard, escape {@code E'...'} and
 * dollar-quoted), comments (nested) and quoted identifiers are recognised, so a name inside a string is not a call and
 * a name in quotes is. Identifiers with Unicode escapes ({@code U&"..."}) are refused outright, since they can spell any
 * name. This complements the parser-based check, which only sees the clauses its walker visits; the engine (a READ
 * ONLY transaction, and with user-bound access the revoked {@code set_config}) stays the authority.
 */
final class DeniedFunctionScan {

    private DeniedFunctionScan() {
    }

    /** The first refused function called in the statement, {@code U&} for a Unicode-escaped name, or null. */
    static String firstDenied(String sql) {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (c == '\'') {
                i = skipString(sql, i, false);
            } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'' && startsToken(sql, i)) {
                i = skipString(sql, i + 1, true);
            } else if ((c == 'U' || c == 'u') && i + 2 < n && sql.charAt(i + 1) == '&'
                    && (sql.charAt(i + 2) == '"' || sql.charAt(i + 2) == '\'') && startsToken(sql, i)) {
                return "U&";
            } else if (c == '$' && startsToken(sql, i) && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int end = sql.indexOf(tag, i + tag.length());
                i = end < 0 ? n : end + tag.length();
            } else if (c == '"') {
                int end = i + 1;
                StringBuilder name = new StringBuilder();
                while (end < n) {
                    if (sql.charAt(end) == '"') {
                        if (end + 1 < n && sql.charAt(end + 1) == '"') {
                            name.append('"');
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    name.append(sql.charAt(end++));
                }
                i = Math.min(n, end + 1);
                if (isCall(sql, i) && denied(name.toString().toLowerCase(Locale.ROOT))) {
                    return name.toString();
                }
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                        || sql.charAt(end) == '$')) {
                    end++;
                }
                String name = sql.substring(i, end).toLowerCase(Locale.ROOT);
                i = end;
                if (isCall(sql, i) && denied(name)) {
                    return name;
                }
            } else {
                i++;
            }
        }
        return null;
    }

    static boolean denied(String name) {
        if (ReadOnlySqlGuard.DENIED_FUNCTIONS.contains(name)) {
            return true;
        }
        for (String prefix : ReadOnlySqlGuard.DENIED_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the next token after position {@code from} (spaces and comments skipped) opens a parenthesis. */
    private static boolean isCall(String sql, int from) {
        int i = from;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else {
                return c == '(';
            }
        }
        return false;
    }

    private static boolean startsToken(String sql, int i) {
        if (i == 0) {
            return true;
        }
        char before = sql.charAt(i - 1);
        return !(Character.isLetterOrDigit(before) || before == '_' || before == '$');
    }

    /** The dollar-quote opening at {@code i} ({@code $$} or {@code $tag$}), or null ({@code $1} is a parameter). */
    private static String dollarTag(String sql, int i) {
        int end = i + 1;
        if (end < sql.length() && Character.isDigit(sql.charAt(end))) {
            return null;
        }
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        return end < sql.length() && sql.charAt(end) == '$' ? sql.substring(i, end + 1) : null;
    }

    private static int skipString(String sql, int quote, boolean backslashEscapes) {
        int i = quote + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static int skipBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }
}
