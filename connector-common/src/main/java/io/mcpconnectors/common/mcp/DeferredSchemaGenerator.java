package io.mcpconnectors.common.mcp;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.mcp.server.GlobalInputSchemaGenerator;
import io.quarkiverse.mcp.server.GlobalOutputSchemaGenerator;
import io.quarkiverse.mcp.server.ToolManager.ToolInfo;
import io.quarkiverse.mcp.server.runtime.DefaultSchemaGenerator;
import io.quarkiverse.mcp.server.runtime.McpMetadata;
import io.quarkiverse.mcp.server.runtime.SchemaGeneratorConfigCustomizer;

/**
 * Stands in for the MCP layer's schema generator, which builds a JSON Schema generator (victools and a Jackson module)
 * when it is created, at every start, although the runtime registers every tool with the schemas its declaration
 * gives ({@link SchemaFactory}) and never asks for one to be generated. The generator is built on first use instead,
 * should a tool without a declared schema ever be registered.
 */
@Singleton
public class DeferredSchemaGenerator implements GlobalInputSchemaGenerator, GlobalOutputSchemaGenerator {

    private final Instance<SchemaGeneratorConfigCustomizer> customizers;
    private final Instance<ObjectMapper> objectMapper;
    private final McpMetadata metadata;
    private volatile DefaultSchemaGenerator generator;

    public DeferredSchemaGenerator(@Any Instance<SchemaGeneratorConfigCustomizer> customizers,
            Instance<ObjectMapper> objectMapper, McpMetadata metadata) {
        this.customizers = customizers;
        this.objectMapper = objectMapper;
        this.metadata = metadata;
    }

    @Override
    public InputSchema generate(ToolInfo tool) {
        return generator().generate(tool);
    }

    @Override
    public Object generate(Class<?> from) {
        return generator().generate(from);
    }

    private DefaultSchemaGenerator generator() {
        DefaultSchemaGenerator g = generator;
        if (g == null) {
            synchronized (this) {
                g = generator;
                if (g == null) {
                    g = new DefaultSchemaGenerator(customizers.stream().toList(), objectMapper.get(), metadata);
                    generator = g;
                }
            }
        }
        return g;
    }
}
