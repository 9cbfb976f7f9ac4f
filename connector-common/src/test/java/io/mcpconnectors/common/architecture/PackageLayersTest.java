package io.mcpconnectors.common.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The runtime's packages form layers without cycles: the connector SPI at the bottom, settings and the approval
 * domain above it, then stores, audit and callers, and the transports (MCP, HTTP, command line) on top, each holding
 * the adapters of the domain it exposes. A change that makes two packages depend on each other fails here, naming
 * the classes on each side.
 */
class PackageLayersTest {

    private static final String RUNTIME = "io.mcpconnectors.common";
    private static JavaClasses runtime;

    @BeforeAll
    static void importRuntime() {
        runtime = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(RUNTIME);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(RUNTIME + ".(*)..").should().beFreeOfCycles().check(runtime);
    }

    @Test
    void theSpiDependsOnNothingElseOfTheRuntime() {
        noClasses().that().resideInAPackage(RUNTIME + ".spi..").should().dependOnClassesThat()
                .resideInAnyPackage(RUNTIME + ".approval..", RUNTIME + ".audit..", RUNTIME + ".auth..",
                        RUNTIME + ".cli..", RUNTIME + ".config..", RUNTIME + ".health..", RUNTIME + ".http..",
                        RUNTIME + ".identity..", RUNTIME + ".mcp..", RUNTIME + ".metrics..", RUNTIME + ".policy..",
                        RUNTIME + ".secrets..", RUNTIME + ".store..")
                .check(runtime);
    }

    @Test
    void connectorsFacingTypesNeverExposeTheMcpLibrary() {
        noClasses().that().resideInAPackage(RUNTIME + ".spi..").should().dependOnClassesThat()
                .resideInAPackage("io.quarkiverse.mcp..").check(runtime);
    }

    @Test
    void theApprovalDomainKnowsNoTransportAndNoStore() {
        noClasses().that().resideInAPackage(RUNTIME + ".approval..").should().dependOnClassesThat()
                .resideInAnyPackage(RUNTIME + ".store..", RUNTIME + ".mcp..", RUNTIME + ".http..", RUNTIME + ".cli..",
                        RUNTIME + ".auth..", "io.quarkiverse.mcp..", "io.vertx..")
                .check(runtime);
    }
}
