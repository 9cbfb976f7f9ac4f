package io.mcpconnectors.common.test;

import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine can be reached, for tests against real engines in containers. Use it as their condition:
 * {@code @EnabledIf(value = DockerEngine.FOUND, disabledReason = DockerEngine.MISSING)}, so that where no engine
 * exists they are reported as skipped, with the reason, before anything starts.
 */
public final class DockerEngine {

    public static final String FOUND = "io.mcpconnectors.common.test.DockerEngine#found";
    public static final String MISSING = "No Docker engine found (Testcontainers looked for DOCKER_HOST, the socket and"
            + " ~/.testcontainers.properties): the tests against real engines in containers are skipped. Start Docker"
            + " or Podman's socket to run them.";

    private DockerEngine() {
    }

    public static boolean found() {
        // Testcontainers finds its strategies through the context class loader; under a Quarkus test that loader can
        // hold a second copy of them, which is not a subtype of the copy this class sees.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(DockerClientFactory.class.getClassLoader());
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError | java.util.ServiceConfigurationError e) {
            return false;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
