package io.mcpconnectors.filesystem;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.ConnectorResource;
import io.mcpconnectors.common.spi.ResourceBody;
import io.mcpconnectors.common.spi.ResourceTemplateSpec;
import io.mcpconnectors.common.spi.ToolCallException;

/**
 * Files under the roots as {@code file://} resources. The listed template is {@code file:///{path}}: a client that
 * expands it per RFC 6570 percent-encodes the slashes of the path. Plain file URIs with unencoded slashes are
 * answered too, through unlisted templates of one to {@value #MAX_SEGMENTS} segments. Every read passes the same
 * {@link PathGuard} as the tools, against the configured roots or, with user-bound access, the caller's own.
 */
@ApplicationScoped
public class FileResource implements ConnectorResource {

    static final int MAX_SEGMENTS = 32;

    private final RootSet roots;
    private final PathGuard guard;

    public FileResource(RootSet roots, PathGuard guard) {
        this.roots = roots;
        this.guard = guard;
    }

    @Override
    public List<ResourceTemplateSpec> templates() {
        List<ResourceTemplateSpec> templates = new ArrayList<>();
        templates.add(new ResourceTemplateSpec("file", "File",
                "A file under one of the connector's roots (text, or base64 for binary files).", "file:///{path}",
                "application/octet-stream", true));
        for (int depth = 2; depth <= MAX_SEGMENTS; depth++) {
            String segments = IntStream.rangeClosed(1, depth).mapToObj(i -> "{s" + i + "}")
                    .collect(Collectors.joining("/"));
            templates.add(new ResourceTemplateSpec("file-" + depth, "File", "A file under one of the roots.",
                    "file:///" + segments, "application/octet-stream", false));
        }
        return templates;
    }

    @Override
    public ResourceBody read(String uri, Map<String, String> variables, CallLimits limits, CallerIdentity caller) throws IOException {
        String path = "/" + variables.entrySet().stream().sorted(Map.Entry.comparingByKey(this::segmentOrder))
                .map(e -> URLDecoder.decode(e.getValue().replace("+", "%2B"), StandardCharsets.UTF_8))
                .collect(Collectors.joining("/"));
        List<FilesystemRoot> allowed = roots.of(caller);
        if (allowed.isEmpty()) {
            throw new ToolCallException("No configured roots: file resources need connector.filesystem.roots.");
        }
        GuardedPath file = guard.existing(path, allowed);
        if (!Files.isRegularFile(file.path())) {
            throw new ToolCallException("'" + path + "' is not a regular file.");
        }
        long size = Files.size(file.path());
        if (size > limits.maxBytes()) {
            throw new ToolCallException("'" + path + "' is " + size + " bytes, more than connector.limits.max-bytes ("
                    + limits.maxBytes() + "); use read_text_file with head, tail or a byte range.");
        }
        byte[] bytes = Files.readAllBytes(file.path());
        var media = FileKinds.mediaType(file.path());
        if (media == null && !FileKinds.looksBinary(bytes, bytes.length)) {
            try {
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
                return ResourceBody.text("text/plain", text);
            } catch (CharacterCodingException e) {
                // Not UTF-8 text: served as bytes below.
            }
        }
        return ResourceBody.binary(media != null ? media.getValue() : "application/octet-stream", bytes);
    }

    private int segmentOrder(String a, String b) {
        return Integer.compare(order(a), order(b));
    }

    private static int order(String variable) {
        return variable.equals("path") ? 0 : Integer.parseInt(variable.substring(1));
    }
}
