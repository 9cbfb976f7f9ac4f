package io.mcpconnectors.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.provider.Arguments;

/** The statement corpora of src/test/resources/corpus: entries that start with a line "-- @@ name". */
final class Corpus {

    private Corpus() {
    }

    static String resource(String path) {
        try (InputStream in = Corpus.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The named statements of a corpus file, in order, as (name, statement) arguments. */
    static List<Arguments> entries(String path) {
        List<Arguments> entries = new ArrayList<>();
        String name = null;
        StringBuilder statement = new StringBuilder();
        for (String line : resource(path).split("\n", -1)) {
            if (line.startsWith("-- @@ ")) {
                if (name != null) {
                    entries.add(Arguments.of(name, statement.toString().strip()));
                }
                name = line.substring("-- @@ ".length()).strip();
                statement.setLength(0);
            } else if (name != null) {
                statement.append(line).append('\n');
            }
        }
        if (name != null) {
            entries.add(Arguments.of(name, statement.toString().strip()));
        }
        return entries;
    }
}
