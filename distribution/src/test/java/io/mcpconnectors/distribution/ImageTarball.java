package io.mcpconnectors.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One image tarball Jib wrote, in the OCI image layout: oci-layout, index.json, blobs/sha256/... */
record ImageTarball(JsonNode index, JsonNode manifest, JsonNode config, Map<String, byte[]> files) {

    static final Path IMAGES = Path.of(System.getProperty("images.dir", "target/images"));
    static final ObjectMapper JSON = new ObjectMapper();

    /** The image of one connector, as the build wrote it. */
    static ImageTarball of(String connector) throws IOException {
        return read(IMAGES.resolve("connector-" + connector + ".tar"));
    }

    static ImageTarball read(Path tarball) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(tarball))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                files.put(entry.getName(), tar.readAllBytes());
            }
        }
        assertTrue(new String(files.get("oci-layout"), StandardCharsets.UTF_8).contains("imageLayoutVersion"),
                tarball + " is an OCI image layout");
        JsonNode index = JSON.readTree(files.get("index.json"));
        assertEquals("application/vnd.oci.image.manifest.v1+json", index.at("/manifests/0/mediaType").asText());
        JsonNode manifest = JSON.readTree(blob(files, index.at("/manifests/0/digest").asText()));
        JsonNode config = JSON.readTree(blob(files, manifest.at("/config/digest").asText()));
        return new ImageTarball(index, manifest, config, files);
    }

    static byte[] blob(Map<String, byte[]> files, String digest) {
        byte[] blob = files.get("blobs/" + digest.replace(':', '/'));
        assertNotNull(blob, "the layout holds " + digest);
        return blob;
    }

    String reference() {
        return index.at("/manifests/0/annotations/org.opencontainers.image.ref.name").asText();
    }

    /** The container settings: entrypoint, user, environment, ports, volumes, labels. */
    JsonNode containerConfig() {
        return config.get("config");
    }

    List<String> entrypoint() {
        List<String> entrypoint = new ArrayList<>();
        containerConfig().get("Entrypoint").forEach(a -> entrypoint.add(a.asText()));
        return entrypoint;
    }

    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        containerConfig().get("Env").forEach(e -> {
            String pair = e.asText();
            env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        });
        return env;
    }

    List<String> layers() {
        List<String> layers = new ArrayList<>();
        manifest.get("layers").forEach(l -> {
            assertEquals("application/vnd.oci.image.layer.v1.tar+gzip", l.get("mediaType").asText());
            layers.add(l.get("digest").asText());
        });
        return layers;
    }

    /** Every path in the layers with its mode, later layers winning. */
    Map<String, Integer> paths() throws IOException {
        Map<String, Integer> paths = new HashMap<>();
        for (String layer : layers()) {
            try (TarArchiveInputStream tar = layer(layer)) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    paths.put("/" + entry.getName().replaceAll("/$", ""), entry.getMode() & 07777);
                }
            }
        }
        return paths;
    }

    /** One file's content from the layers (the last layer holding it wins), or empty. */
    byte[] readFile(String path) throws IOException {
        byte[] found = null;
        for (String layer : layers()) {
            try (TarArchiveInputStream tar = layer(layer)) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    if (("/" + entry.getName()).equals(path)) {
                        found = tar.readAllBytes();
                    }
                }
            }
        }
        return found == null ? new byte[0] : found;
    }

    /** The layers unpacked into a root filesystem, by tar itself (owners, modes and links as the image has them). */
    void unpack(Path root, Path scratch) throws IOException, InterruptedException {
        Files.createDirectories(root);
        for (String layer : layers()) {
            Path file = scratch.resolve("layer.tar.gz");
            Files.write(file, blob(files, layer));
            Process tar = new ProcessBuilder("tar", "--warning=no-unknown-keyword", "-xzf", file.toString(), "-C",
                    root.toString()).redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, tar.waitFor(), "unpacking " + layer + ": " + output);
            Files.delete(file);
        }
    }

    private TarArchiveInputStream layer(String digest) throws IOException {
        return new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(blob(files, digest))));
    }
}
