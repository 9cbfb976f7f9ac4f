package io.mcpconnectors.common.spi;

/**
 * Text in a tool result that came from people outside the user's control (an issue body, a comment, a record's
 * description) and may try to instruct the model. Put it in a result's data in place of a plain string: in the
 * structured content it becomes {@code {"untrusted": true, "source": ..., "text": ...}}; in the text rendering it
 * is enclosed in delimiters that carry a random marker chosen per call, so the text itself cannot close them.
 *
 * @param source what the text is, for the reader (e.g. "issue #12 body by @octocat")
 * @param text the text as received
 */
public record UntrustedText(String source, String text) {
}
