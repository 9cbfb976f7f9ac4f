package io.mcpconnectors.common.mcp;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.spi.CallClient;
import io.mcpconnectors.common.spi.ChatMessage;
import io.mcpconnectors.common.spi.ContentPart;
import io.mcpconnectors.common.spi.ElicitField;
import io.mcpconnectors.common.spi.Elicited;
import io.mcpconnectors.common.spi.Media;
import io.mcpconnectors.common.spi.SampleRequest;
import io.mcpconnectors.common.spi.ToolCallException;
import io.quarkiverse.mcp.server.AudioContent;
import io.quarkiverse.mcp.server.Content;
import io.quarkiverse.mcp.server.Elicitation;
import io.quarkiverse.mcp.server.ElicitationResponse;
import io.quarkiverse.mcp.server.ImageContent;
import io.quarkiverse.mcp.server.Role;
import io.quarkiverse.mcp.server.Sampling;
import io.quarkiverse.mcp.server.SamplingMessage;
import io.quarkiverse.mcp.server.SamplingRequest;
import io.quarkiverse.mcp.server.SamplingResponse;
import io.quarkiverse.mcp.server.TextContent;
import io.smallrye.mutiny.Uni;

/**
 * A call's requests to its client as MCP {@code sampling/createMessage} and {@code elicitation/create}. The tool's
 * thread waits for the answer; the call's deadline and the client's cancellation end the wait, as they end the call
 * (the runtime interrupts the tool's thread); each request also gives up on its own a second after the call's
 * deadline, a backstop for a waiting thread the runtime does not interrupt.
 */
final class McpCallClient implements CallClient {

    private final String tool;
    private final Sampling sampling;
    private final Elicitation elicitation;
    private final Instant deadline;
    private final BooleanSupplier cancelled;
    private final KnownSecrets secrets;

    McpCallClient(String tool, Sampling sampling, Elicitation elicitation, Instant deadline, BooleanSupplier cancelled,
            KnownSecrets secrets) {
        this.tool = tool;
        this.sampling = sampling;
        this.elicitation = elicitation;
        this.deadline = deadline;
        this.cancelled = cancelled;
        this.secrets = secrets;
    }

    /** The same client for a call whose deadline is {@code later}. */
    McpCallClient until(Instant later) {
        return new McpCallClient(tool, sampling, elicitation, later, cancelled, secrets);
    }

    /** How long a request may wait: what is left of the call's time, and a second more. */
    private Duration timeout() {
        Duration left = Duration.between(Instant.now(), deadline);
        return (left.isNegative() ? Duration.ZERO : left).plusSeconds(1);
    }

    @Override
    public boolean canSample() {
        return sampling != null && sampling.isSupported();
    }

    @Override
    public boolean canElicit() {
        return elicitation != null && elicitation.isSupported();
    }

    @Override
    public String sample(SampleRequest request) {
        if (!canSample()) {
            throw new ToolCallException(tool + " needs to ask the client's model (MCP sampling), and this client did"
                    + " not declare the sampling capability. Use a client that supports sampling.");
        }
        SamplingRequest.Builder builder = sampling.requestBuilder().setMaxTokens(request.maxTokens())
                .setTimeout(timeout());
        for (ChatMessage message : request.messages()) {
            builder.addMessage(new SamplingMessage(message.role() == ChatMessage.Role.USER ? Role.USER : Role.ASSISTANT,
                    content(message.content())));
        }
        if (request.systemPrompt() != null) {
            builder.setSystemPrompt(secrets.scrub(request.systemPrompt()));
        }
        SamplingResponse response = await(builder.build().send(), "sampling request");
        refused(ClientErrorAnswers.refusal(response.meta()), "sampling request");
        Content answer = response.content();
        return answer instanceof TextContent text ? text.text() : "";
    }

    @Override
    public Elicited elicit(String message, List<ElicitField> fields) {
        if (!canElicit()) {
            throw new ToolCallException(tool + " needs to ask the user (MCP elicitation), and this client did not"
                    + " declare the elicitation capability. Use a client that supports elicitation.");
        }
        List<ElicitField> shown = ElicitationForms.scrubbed(fields, secrets);
        ElicitationResponse response = await(ElicitationForms.request(elicitation, secrets.scrub(message), shown,
                timeout()).send(), "question to the user");
        refused(ClientErrorAnswers.refusal(response.meta()), "question to the user (elicitation request)");
        try {
            return ElicitationForms.answer(response, shown);
        } catch (IllegalArgumentException e) {
            throw new ToolCallException("The client's answer to " + tool + "'s question to the user does not fit its"
                    + " form: " + secrets.scrubMessage(e.getMessage()) + ". Answer the form again.");
        }
    }

    /** Ends the call when the client answered its request with an error instead of a result. */
    private void refused(String clientMessage, String what) {
        if (clientMessage != null) {
            throw new ToolCallException("The client refused or failed " + tool + "'s " + what + ": "
                    + secrets.scrubMessage(clientMessage) + ".");
        }
    }

    private Content content(ContentPart part) {
        if (part instanceof ContentPart.Text text) {
            return new TextContent(secrets.scrub(text.text()));
        }
        Media media = (Media) part;
        if (secrets.appearIn(media.data())) {
            throw new ToolCallException(ToolInvoker.withheld(tool + "'s " + media.mimeType() + " content for the"
                    + " client's model"));
        }
        String data = Base64.getEncoder().encodeToString(media.data());
        return media.kind() == Media.Kind.IMAGE ? new ImageContent(data, media.mimeType())
                : new AudioContent(data, media.mimeType());
    }

    private <T> T await(Uni<T> request, String what) {
        if (cancelled.getAsBoolean()) {
            throw new ToolCallException(tool + " was cancelled by the client; its " + what + " was not sent.");
        }
        Duration timeout = timeout();
        CompletableFuture<T> answer = request.subscribeAsCompletionStage();
        try {
            // A little beyond the request's own timeout, which fails it first and says so.
            return answer.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new ToolCallException(tool + " stopped (its deadline passed or the client cancelled it) while"
                    + " waiting for the answer to its " + what + ".");
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            answer.cancel(true);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (ElicitationForms.timedOut(cause) || cause instanceof TimeoutException) {
                throw new ToolCallException("The client did not answer " + tool + "'s " + what + " in time"
                        + " (connector.limits.timeout).");
            }
            throw new ToolCallException("The client could not answer " + tool + "'s " + what + ": "
                    + secrets.scrubMessage(String.valueOf(cause.getMessage())) + ".");
        }
    }
}
