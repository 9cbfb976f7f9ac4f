package io.mcpconnectors.gateway;

import java.util.ArrayList;
import java.util.List;

import io.mcpconnectors.common.config.InvalidSettingException;

/**
 * Splits a configured command line into its words: separated by white space, a word in double or single quotes may
 * hold spaces. No shell is involved, so nothing else is interpreted (no variables, globs or pipes).
 */
final class CommandLine {

    private CommandLine() {
    }

    static List<String> split(String key, String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new InvalidSettingException(key, "has an unclosed " + quote + " quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new InvalidSettingException(key, "is empty");
        }
        return List.copyOf(words);
    }
}
