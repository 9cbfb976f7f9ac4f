package io.mcpconnectors.examples.langchain4j;

/** The agent: a LangChain4j AI service whose tools are a connector's, reached over MCP. */
public interface ReportsAnalyst {

    /** Answers a question about the reports, reading them with the connector's tools as it sees fit. */
    String answer(String question);
}
