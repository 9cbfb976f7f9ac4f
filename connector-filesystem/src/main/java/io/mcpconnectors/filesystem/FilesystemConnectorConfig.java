package io.mcpconnectors.filesystem;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the filesystem connector. */
@ConfigMapping(prefix = "connector.filesystem")
public interface FilesystemConnectorConfig {

    /**
     * Directories the connector may touch. Every path a tool is given must resolve, after symlinks, inside one of
     * them. When unset, the roots the MCP client offers are used.
     */
    Optional<List<String>> roots();

    /**
     * Whether roots offered by the MCP client are used. With configured roots, a client root only narrows access
     * (it is used only when it lies inside a configured root).
     */
    @WithDefault("true")
    boolean clientRoots();

    /**
     * Glob patterns for sensitive names that are never listed, read or written. A pattern without a slash matches
     * any single path segment; one with a slash matches the path relative to its root.
     */
    @WithDefault(".env,.env.*,*.pem,*.key,*.p12,*.pfx,*.jks,id_rsa*,id_dsa*,id_ecdsa*,id_ed25519*,.git/config,"
            + ".netrc,.pgpass,.npmrc,.pypirc,.aws,.ssh,.gnupg,credentials.json")
    List<String> denyPatterns();

    /**
     * Most bytes of a file one {@code read_text_file} call returns (256 KiB: about 64,000 tokens, which a model's
     * context holds beside the conversation). The lower of this and {@code connector.limits.max-bytes} applies; a
     * read it cuts says so, with the file's size and where to go on.
     */
    @WithDefault("262144")
    long maxReadBytes();
}
