package io.mcpconnectors.postgres;

import java.util.List;

import io.mcpconnectors.postgres.SqlTokens.Kind;
import io.mcpconnectors.postgres.SqlTokens.Token;

/**
 * Finds calls of refused functions anywhere in a statement, whatever clause they sit in (ORDER BY, window definitions,
 * FILTER, OFFSET, subscripts, ...) and however their name is spelled (schema-qualified, quoted, upper case): a call is
 * a name followed by an opening parenthesis, read from the statement's tokens ({@link SqlTokens}), so a name inside a
 * string or a comment is not a call and a name in quotes is. Identifiers with Unicode escapes ({@code U&"..."}) are
 * refused outright, since they can spell any name. The engine (a READ ONLY transaction, and with user-bound access the
 * revoked {@code set_config}) stays the authority; this keeps functions that act outside the transaction (signalling
 * backends, reaching other servers, reading server files) from being called at all.
 */
final class DeniedFunctionScan {

    private DeniedFunctionScan() {
    }

    /** The first refused function called in the statement, {@code U&} for a Unicode-escaped name, or null. */
    static String firstDenied(String sql) {
        return firstDenied(SqlTokens.of(sql));
    }

    static String firstDenied(List<Token> tokens) {
        for (int k = 0; k < tokens.size(); k++) {
            Token token = tokens.get(k);
            if (token.kind() == Kind.UNICODE_NAME) {
                return "U&";
            }
            boolean name = token.kind() == Kind.WORD || token.kind() == Kind.QUOTED;
            boolean call = k + 1 < tokens.size() && tokens.get(k + 1).isPunctuation('(');
            // Quoted names are compared folded too: refusing "SET_CONFIG" (another name to the server) costs nothing.
            if (name && call && denied(SqlTokens.asciiLower(token.text()))) {
                return token.text();
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
}
