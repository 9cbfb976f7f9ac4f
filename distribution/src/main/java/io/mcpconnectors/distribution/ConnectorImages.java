package io.mcpconnectors.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.FilePermissionsProvider;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;

/**
 * Builds the suite's container images with Jib, one per entry of connectors.json, as OCI image tarballs (no container
 * engine): first the base image from the root filesystem distribution/image/base-rootfs.sh assembled (unless a
 * registry base is named), then each connector's application (connector-&lt;name&gt;/target/quarkus-app) on it.
 * Every image runs {@code java -jar /deployments/quarkus-run.jar} as 185:185 on port 8080 over HTTP, with
 * {@code /tmp} and the data directory as its only writable paths.
 *
 * <pre>
 * ConnectorImages &lt;repository&gt; &lt;output dir&gt; &lt;base: tar://... or a registry image&gt; &lt;base root filesystem&gt;
 *                 &lt;image registry&gt; &lt;project version&gt;
 * </pre>
 *
 * The images are tagged with the release version, the project version without -SNAPSHOT (docs/releasing.md), the
 * version the Helm chart's appVersion names; the label org.opencontainers.image.version keeps the exact build's.
 */
public final class ConnectorImages {

    static final List<String> ENTRYPOINT = List.of("java", "-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=75",
            "-Djava.io.tmpdir=/tmp", "-Dvertx.cacheDirBase=/tmp/vertx-cache", "-jar", "/deployments/quarkus-run.jar");
    static final String USER = "185:185";
    static final String DATA_DIR = "/var/lib/mcp-connector";
    static final String TAR_PREFIX = "tar://";

    // Modes in the base root filesystem other than Jib's 644 for files and 755 for directories.
    static final Map<String, String> BASE_MODES = Map.of("/opt/java/bin/*", "755", "/opt/java/lib/jspawnhelper",
            "755", "/opt/java/lib/jexec", "755", "/lib64/*", "755", "/tmp", "777", DATA_DIR, "777");

    private final Path repository;
    private final Path output;
    private final String base;
    private final Path baseRootfs;
    private final String registry;
    private final String projectVersion;
    private final ExecutorService executor;

    ConnectorImages(Path repository, Path output, String base, Path baseRootfs, String registry,
            String projectVersion, ExecutorService executor) {
        this.repository = repository;
        this.output = output;
        this.base = base;
        this.baseRootfs = baseRootfs;
        this.registry = registry;
        this.projectVersion = projectVersion;
        this.executor = executor;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: ConnectorImages <repository> <output dir> <base image> <base root filesystem>"
                    + " <image registry> <project version>");
            System.exit(2);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            new ConnectorImages(Path.of(args[0]), Path.of(args[1]), args[2], Path.of(args[3]), args[4], args[5],
                    executor).buildAll();
        } finally {
            executor.shutdownNow();
        }
    }

    /** The release version a build prepares: the project version without -SNAPSHOT. */
    static String releaseVersion(String projectVersion) {
        return projectVersion.endsWith("-SNAPSHOT")
                ? projectVersion.substring(0, projectVersion.length() - "-SNAPSHOT".length()) : projectVersion;
    }

    void buildAll() throws Exception {
        Files.createDirectories(output);
        if (base.startsWith(TAR_PREFIX)) {
            buildBase(Path.of(base.substring(TAR_PREFIX.length())));
        }
        for (JsonNode entry : new ObjectMapper().readTree(repository.resolve("connectors.json").toFile())
                .get("connectors")) {
            buildConnector(entry.get("name").asText());
        }
    }

    /** The base: the root filesystem as one layer, run as 185:185 with the runtime on the PATH. */
    private void buildBase(Path tarball) throws Exception {
        List<PathMatcher> modes = new ArrayList<>();
        List<FilePermissions> permissions = new ArrayList<>();
        BASE_MODES.forEach((glob, mode) -> {
            modes.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            permissions.add(FilePermissions.fromOctalString(mode));
        });
        FilePermissionsProvider modeOf = (source, target) -> {
            for (int i = 0; i < modes.size(); i++) {
                if (modes.get(i).matches(Path.of(target.toString()))) {
                    return permissions.get(i);
                }
            }
            return Files.isDirectory(source) ? FilePermissions.DEFAULT_FOLDER_PERMISSIONS
                    : FilePermissions.DEFAULT_FILE_PERMISSIONS;
        };
        // Each top-level directory with what it holds; "/" itself is not an entry of a layer.
        FileEntriesLayer.Builder rootfs = FileEntriesLayer.builder().setName("base root filesystem");
        try (Stream<Path> top = Files.list(baseRootfs)) {
            for (Path entry : top.sorted().toList()) {
                rootfs.addEntryRecursive(entry, AbsoluteUnixPath.get("/" + entry.getFileName()), modeOf);
            }
        }
        // In Docker's tarball format, the one Jib reads a base image from (the images themselves are OCI).
        JibContainerBuilder image = Jib.fromScratch().setFormat(ImageFormat.Docker).addFileEntriesLayer(rootfs.build())
                .setUser(USER).setEnvironment(Map.of("JAVA_HOME", "/opt/java", "PATH", "/opt/java/bin:/usr/bin:/bin"));
        containerize(image, registry + "/jre-base:17", tarball, true);
    }

    /** A connector: its application in /deployments on the base, and the container settings every image shares. */
    private void buildConnector(String name) throws Exception {
        Path app = repository.resolve("connector-" + name).resolve("target/quarkus-app");
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(app + " has no quarkus-run.jar: connector-" + name + " is not built (is it"
                    + " a module of the root pom.xml and a dependency of the images profile in distribution/pom.xml?)");
        }
        AbsoluteUnixPath deployments = AbsoluteUnixPath.get("/deployments");
        // The libraries change less often than the application: a layer of their own is pulled once per change.
        FileEntriesLayer.Builder libraries = FileEntriesLayer.builder().setName("dependencies");
        FileEntriesLayer.Builder application = FileEntriesLayer.builder().setName("application");
        try (Stream<Path> files = Files.walk(app)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = app.relativize(file);
                if (relative.toString().equals("app-cds.jsa")) {
                    // An archive made for the build's Java runtime, which the image does not run.
                    continue;
                }
                (relative.startsWith("lib") ? libraries : application).addEntry(file,
                        deployments.resolve(relative.toString().replace('\\', '/')));
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", "MCP connector: " + name);
        labels.put("org.opencontainers.image.version", projectVersion);
        labels.put("org.opencontainers.image.vendor", "MCP connector suite");
        JibContainerBuilder image = from(base).setFormat(ImageFormat.OCI)
                .addFileEntriesLayer(libraries.build()).addFileEntriesLayer(application.build())
                .setEntrypoint(ENTRYPOINT).setWorkingDirectory(deployments)
                .setUser(USER).addExposedPort(Port.tcp(8080))
                .addEnvironmentVariable("CONNECTOR_TRANSPORT", "http")
                .addEnvironmentVariable("CONNECTOR_HTTP_HOST", "0.0.0.0")
                .addEnvironmentVariable("CONNECTOR_DATA_DIR", DATA_DIR)
                .addVolume(AbsoluteUnixPath.get(DATA_DIR)).addVolume(AbsoluteUnixPath.get("/tmp"))
                .setLabels(labels);
        JibContainer built = containerize(image, registry + "/connector-" + name + ":" + releaseVersion(projectVersion),
                output.resolve("connector-" + name + ".tar"), base.startsWith(TAR_PREFIX));
        Files.writeString(output.resolve("connector-" + name + ".digest"), built.getDigest().toString(),
                StandardCharsets.UTF_8);
        Files.writeString(output.resolve("connector-" + name + ".id"), built.getImageId().toString(),
                StandardCharsets.UTF_8);
        System.err.println("Built " + built.getTargetImage() + " (" + built.getDigest() + ") into connector-" + name
                + ".tar");
    }

    private static JibContainerBuilder from(String base) throws InvalidImageReferenceException {
        if (base.startsWith(TAR_PREFIX)) {
            return Jib.from(TarImage.at(Path.of(base.substring(TAR_PREFIX.length()))));
        }
        // A registry base: pulled with the credentials of the Docker configuration, as docker pull would.
        ImageReference reference = ImageReference.parse(base);
        return Jib.from(RegistryImage.named(reference).addCredentialRetriever(
                CredentialRetrieverFactory.forImage(reference, event -> {
                }).dockerConfig()));
    }

    private JibContainer containerize(JibContainerBuilder image, String reference, Path tarball, boolean offline)
            throws InterruptedException, RegistryException, IOException, CacheDirectoryCreationException,
            ExecutionException, InvalidImageReferenceException {
        Path cache = output.resolve("../jib-cache").normalize();
        return image.containerize(Containerizer.to(TarImage.at(tarball).named(reference))
                .setOfflineMode(offline).setExecutorService(executor).setToolName("mcp-connector-suite")
                .setBaseImageLayersCache(cache.resolve("base")).setApplicationLayersCache(cache.resolve("application")));
    }
}
