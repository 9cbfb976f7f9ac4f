package io.mcpconnectors.postgres;

import java.util.ArrayList;
import java.util.List;

import io.mcpconnectors.common.spi.LoneSurrogates;
import io.mcpconnectors.common.spi.ToolCallException;

/**
 * A statement's text read into tokens the way PostgreSQL's own lexer ({@code scan.l}) reads it, so that the checks
 * made on the tokens see what the server will see: string constants (standard {@code '...'}, escape {@code E'...'},
 * bit and national {@code B'...'}, {@code X'...'}, {@code N'...'}, Unicode {@code U&'...'} and dollar-quoted
 * {@code $tag$...$tag$}), comments (nested block comments included) and quoted identifiers are single tokens whose
 * content is never mistaken for code, and code is never mistaken for a string. Identifiers follow PostgreSQL's
 * character classes (letters, {@code _}, any non-ASCII character, then digits and {@code $}) and are folded to lower
 * case for ASCII letters only, as the server does.
 *
 * <p>
 * The reading assumes {@code standard_conforming_strings=on} (backslashes are ordinary characters in {@code '...'});
 * the connector's connections set it, and a query cannot change it (SET is a statement of its own, and
 * {@code set_config} is refused).
 */
final class SqlTokens {

    enum Kind {
        /** An unquoted identifier or key word, folded to lower case. */
        WORD,
        /** A quoted identifier's name, quotes removed. */
        QUOTED,
        /** An identifier with Unicode escapes ({@code U&"..."}): it can spell any name. */
        UNICODE_NAME,
        /** Any string constant; its content is data. */
        STRING,
        NUMBER,
        /** A positional parameter such as {@code $1}. */
        PARAMETER,
        OPERATOR,
        /** One of {@code ( ) [ ] , ; : .}. */
        PUNCTUATION,
        /** Any other single character. */
        OTHER
    }

    /** One token: its kind, its text (see {@link Kind}) and where it starts in the statement. */
    record Token(Kind kind, String text, int start) {
        boolean is(Kind k, String t) {
            return kind == k && text.equals(t);
        }

        boolean isWord(String word) {
            return is(Kind.WORD, word);
        }

        boolean isPunctuation(char c) {
            return kind == Kind.PUNCTUATION && text.charAt(0) == c;
        }
    }

    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private int i;

    private SqlTokens(String sql) {
        this.sql = sql;
    }

    /**
     * The tokens of a statement, comments and white space left out. An unterminated string, quoted identifier or
     * comment is refused: the server would refuse it too, and a check must not guess where it ends.
     */
    static List<Token> of(String sql) {
        int broken = LoneSurrogates.indexIn(sql);
        if (broken >= 0) {
            // Sent to the server it becomes another character ('?', an operator): the check would read something
            // else than PostgreSQL does.
            throw ReadOnlySqlGuard.refused("the statement holds an invalid character at position " + broken
                    + " (half of a UTF-16 surrogate pair); remove it");
        }
        SqlTokens reader = new SqlTokens(sql);
        reader.read();
        return reader.tokens;
    }

    /** How many statements the tokens hold, as PostgreSQL separates them: runs of tokens between semicolons. */
    static int statementCount(List<Token> tokens) {
        int count = 0;
        boolean inStatement = false;
        for (Token token : tokens) {
            if (token.isPunctuation(';')) {
                inStatement = false;
            } else if (!inStatement) {
                inStatement = true;
                count++;
            }
        }
        return count;
    }

    private void read() {
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            if (isSpace(c)) {
                i++;
            } else if (c == '-' && next(1) == '-') {
                skipLineComment();
            } else if (c == '/' && next(1) == '*') {
                skipBlockComment();
            } else if (c == '\'') {
                skipQuoted('\'', false, "a string constant");
                add(Kind.STRING, start);
            } else if (c == '"') {
                String name = quotedName();
                tokens.add(new Token(Kind.QUOTED, name, start));
            } else if (c == '$' && Character.isDigit(next(1))) {
                i++;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
                add(Kind.PARAMETER, start);
            } else if (c == '$' && dollarTag() != null) {
                skipDollarQuoted(dollarTag());
                add(Kind.STRING, start);
            } else if (isIdentStart(c)) {
                readWordOrPrefixedString(start);
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(next(1)))) {
                readNumber();
                add(Kind.NUMBER, start);
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                readOperator();
                add(Kind.OPERATOR, start);
            } else if ("()[],;:.".indexOf(c) >= 0) {
                i++;
                add(Kind.PUNCTUATION, start);
            } else {
                i++;
                add(Kind.OTHER, start);
            }
        }
    }

    /** An identifier, or one of the prefixed string forms E'', B'', X'', N'', U&'' and U&"". */
    private void readWordOrPrefixedString(int start) {
        char c = sql.charAt(i);
        char lower = Character.toLowerCase(c);
        if (next(1) == '\'' && (lower == 'e' || lower == 'b' || lower == 'x' || lower == 'n')) {
            i++;
            skipQuoted('\'', lower == 'e', "a string constant");
            add(Kind.STRING, start);
            return;
        }
        if (lower == 'u' && next(1) == '&' && (next(2) == '\'' || next(2) == '"')) {
            i += 2;
            if (sql.charAt(i) == '\'') {
                skipQuoted('\'', false, "a string constant");
                add(Kind.STRING, start);
            } else {
                quotedName();
                add(Kind.UNICODE_NAME, start);
            }
            return;
        }
        i++;
        while (i < sql.length() && isIdentContinue(sql.charAt(i))) {
            i++;
        }
        tokens.add(new Token(Kind.WORD, asciiLower(sql.substring(start, i)), start));
    }

    private void add(Kind kind, int start) {
        tokens.add(new Token(kind, sql.substring(start, i), start));
    }

    private char next(int ahead) {
        int at = i + ahead;
        return at < sql.length() ? sql.charAt(at) : '\0';
    }

    /** PostgreSQL's white space: space, tab, new line, carriage return, form feed and vertical tab. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    /** {@code [A-Za-z\200-\377_]}: PostgreSQL takes every non-ASCII character as a letter. */
    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentContinue(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
    }

    /** The server folds only ASCII letters of an unquoted identifier. */
    static String asciiLower(String word) {
        StringBuilder folded = new StringBuilder(word.length());
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return folded.toString();
    }

    private void skipLineComment() {
        while (i < sql.length() && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
            i++;
        }
    }

    private void skipBlockComment() {
        int depth = 0;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                i++;
            }
        }
        throw unterminated("a comment");
    }

    /** Skips a quoted run that starts at {@code i}; a doubled quote is part of it, and so is {@code \'} in E''. */
    private void skipQuoted(char quote, boolean backslashEscapes, String what) {
        i++;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (next(1) == quote) {
                    i += 2;
                } else {
                    i++;
                    return;
                }
            } else {
                i++;
            }
        }
        throw unterminated(what);
    }

    private String quotedName() {
        int open = i;
        skipQuoted('"', false, "a quoted name");
        return sql.substring(open + 1, i - 1).replace("\"\"", "\"");
    }

    /** The dollar-quote opening at {@code i} ({@code $$} or {@code $tag$}), or null. */
    private String dollarTag() {
        int end = i + 1;
        if (end < sql.length() && isIdentStart(sql.charAt(end))) {
            end++;
            while (end < sql.length() && (isIdentStart(sql.charAt(end)) || Character.isDigit(sql.charAt(end)))) {
                end++;
            }
        }
        return end < sql.length() && sql.charAt(end) == '$' ? sql.substring(i, end + 1) : null;
    }

    private void skipDollarQuoted(String tag) {
        int end = sql.indexOf(tag, i + tag.length());
        if (end < 0) {
            throw unterminated("a dollar-quoted string (" + tag + ")");
        }
        i = end + tag.length();
    }

    /**
     * Digits, a fraction and an exponent. A letter right after a number starts a new token here; PostgreSQL refuses
     * such trailing junk or reads it the same way, so no name is hidden inside a number.
     */
    private void readNumber() {
        while (i < sql.length() && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        if (i < sql.length() && sql.charAt(i) == '.' && next(1) != '.') {
            i++;
            while (i < sql.length() && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                i++;
            }
        }
        if (i < sql.length() && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int mark = i;
            i++;
            if (i < sql.length() && (sql.charAt(i) == '+' || sql.charAt(i) == '-')) {
                i++;
            }
            if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
                while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
            } else {
                i = mark;
            }
        }
    }

    /** An operator ends before a comment starts, as in PostgreSQL. */
    private void readOperator() {
        i++;
        while (i < sql.length() && OPERATOR_CHARS.indexOf(sql.charAt(i)) >= 0 && !sql.startsWith("--", i)
                && !sql.startsWith("/*", i)) {
            i++;
        }
    }

    private static ToolCallException unterminated(String what) {
        return ReadOnlySqlGuard.refused("the statement ends inside " + what + "; close it and try again");
    }
}
