package io.mcpconnectors.postgres;

import org.junit.jupiter.api.condition.EnabledIf;

import io.mcpconnectors.common.test.DockerEngine;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The connector against a real PostgreSQL 13 in a container; skipped, saying why, where no Docker engine exists. */
@EnabledIf(value = DockerEngine.FOUND, disabledReason = DockerEngine.MISSING)
@QuarkusTest
@TestProfile(RealPostgresBehaviour.Limits.class)
@WithTestResource(value = PostgresContainerFixture.class, initArgs = @ResourceArg(name = "image",
        value = "postgres:13-alpine"))
class Postgres13ContainerTest extends RealPostgresBehaviour {
}
