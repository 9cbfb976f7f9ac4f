package io.mcpconnectors.common.mcp;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.quarkiverse.mcp.server.ResourceManager;

/**
 * Looks at every incoming message before the MCP layer does, on both transports, and answers the ones that layer
 * would answer with an HTTP 500, a dropped session or no answer at all: anything that is not one JSON-RPC object
 * (a batch, a string, a number), an envelope of the wrong shape, a key given twice, non-object params, params a
 * method cannot use ({@link RequestParams}: -32602 naming the field), responses without the integer id of the
 * server's request or without an object result or error, and subscriptions to resources that cannot be subscribed
 * to (quarkus-mcp-server 1.10.1 threw inside its handler for those, upstream issue 716; 1.13.0 answers an error of
 * its own) when {@link ResourceRequests} does not answer them. The check streams over the message's tokens without building a tree, so it costs about
 * what parsing the message once costs. Completions of prompt arguments go on to {@link PromptCompletionScreen}.
 */
// On every call's path: a singleton is injected as itself, with no client proxy to look it up on each use.
@Singleton
public class RequestScreen {

    /** A message answered here instead of by the MCP layer: the HTTP status and the JSON-RPC error to send. */
    public record Answer(int httpStatus, String body) {
    }

    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;
    static final int PARSE_ERROR = -32700;
    static final int RESOURCE_NOT_FOUND = -32002;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final ResourceManager resources;
    private final PromptCompletionScreen promptCompletions;
    private final ResourceRequests resourceRequests;

    public RequestScreen(ResourceManager resources, PromptCompletionScreen promptCompletions,
            ResourceRequests resourceRequests) {
        this.resources = resources;
        this.promptCompletions = promptCompletions;
        this.resourceRequests = resourceRequests;
    }

    /** Null when the message may go on to the MCP layer; otherwise the answer to send instead. */
    public Answer screen(byte[] message) {
        try (JsonParser parser = JSON.createParser(message)) {
            Answer answer = screen(parser);
            return answer != null || resourceRequests.forwards() ? answer : promptCompletions.screen(message);
        } catch (StreamConstraintsException e) {
            return tooDeep();
        } catch (IOException e) {
            return error(400, "null", PARSE_ERROR, "Parse error: the body is not JSON; send one JSON-RPC object.");
        }
    }

    /**
     * Whether a message starts no work: a well-formed notification (a method and no id, such as
     * {@code notifications/cancelled}) or a well-formed response to a request of the server's (an integer id and a
     * result or an error, no method). False for a request (a method and an id, also a null one) and for anything this
     * screen answers, such as a message that is both a request and a response.
     */
    public boolean startsNoWork(byte[] message) {
        try (JsonParser parser = JSON.createParser(message)) {
            Envelope envelope = new Envelope();
            if (screen(parser, envelope) != null) {
                return false;
            }
            boolean notification = envelope.method != null && !envelope.idPresent;
            // Screened, a message without a method is a response: an integer id and a result or an error.
            boolean response = envelope.method == null && envelope.idPresent;
            return notification || response;
        } catch (IOException e) {
            return false;
        }
    }

    /** The same for a message read as text (a stdio line). */
    public Answer screen(String message) {
        try (JsonParser parser = JSON.createParser(message)) {
            Answer answer = screen(parser);
            return answer != null || resourceRequests.forwards() ? answer : promptCompletions.screen(message);
        } catch (StreamConstraintsException e) {
            return tooDeep();
        } catch (IOException e) {
            return error(400, "null", PARSE_ERROR,
                    "Parse error: the line is not a JSON-RPC message; send one JSON object per line.");
        }
    }

    private static Answer tooDeep() {
        return error(400, "null", INVALID_REQUEST, "Invalid Request: the message nests values more deeply than the"
                + " " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels accepted.");
    }

    private Answer screen(JsonParser parser) throws IOException {
        return screen(parser, new Envelope());
    }

    /** The answer to a message, or null; {@code envelope} holds what was read of it. */
    private Answer screen(JsonParser parser, Envelope envelope) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return error(400, "null", PARSE_ERROR, "Parse error: the message is empty; send one JSON-RPC object.");
        }
        if (first != JsonToken.START_OBJECT) {
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IOException("trailing content");
            }
            return error(400, "null", INVALID_REQUEST, first == JsonToken.START_ARRAY
                    ? "Invalid Request: batches are not supported (MCP 2025-11-25); send one JSON-RPC object per"
                            + " message."
                    : "Invalid Request: a message is one JSON-RPC object, not a " + kind(first) + ".");
        }
        try {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "jsonrpc" -> envelope.version = value == JsonToken.VALUE_STRING ? parser.getText() : "";
                    case "id" -> envelope.id(parser, value);
                    case "method" -> envelope.method = value == JsonToken.VALUE_STRING ? parser.getText() : "";
                    case "params" -> envelope.params(parser, value);
                    case "result" -> {
                        envelope.result = value;
                        parser.skipChildren();
                    }
                    case "error" -> envelope.errorMember(parser, value);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new IOException("trailing content");
            }
        } catch (JsonParseException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                // Which of two values a reader takes is up to the reader: the message means nothing for sure.
                return error(400, "null", INVALID_REQUEST, "Invalid Request: an object holds the same key twice ("
                        + e.getOriginalMessage().substring("Duplicate field ".length()) + "); send each key once.");
            }
            throw e;
        }
        return envelope.answer();
    }

    /** What the screen learnt of one message: its envelope and what its method needs of its params. */
    private final class Envelope {
        String version;
        String id;
        boolean idPresent;
        boolean badId;
        /** The id is an integer that fits a long, as the ids of the server's own requests are. */
        boolean longId;
        String method;
        JsonToken result;
        JsonToken error;
        boolean errorShaped;
        Boolean paramsObject;
        final RequestParams params = new RequestParams();

        void id(JsonParser parser, JsonToken value) throws IOException {
            idPresent = true;
            switch (value) {
                case VALUE_STRING -> id = quoted(parser.getText());
                case VALUE_NUMBER_INT -> {
                    id = parser.getText();
                    longId = parser.getNumberType() == JsonParser.NumberType.INT
                            || parser.getNumberType() == JsonParser.NumberType.LONG;
                }
                case VALUE_NULL -> id = null;
                default -> {
                    badId = true;
                    parser.skipChildren();
                }
            }
        }

        void params(JsonParser parser, JsonToken value) throws IOException {
            paramsObject = value == JsonToken.START_OBJECT;
            if (!paramsObject) {
                parser.skipChildren();
                return;
            }
            params.read(parser);
        }

        void errorMember(JsonParser parser, JsonToken value) throws IOException {
            error = value;
            if (value != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            boolean code = false;
            boolean message = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (name.equals("code")) {
                    code = token == JsonToken.VALUE_NUMBER_INT;
                } else if (name.equals("message")) {
                    message = token == JsonToken.VALUE_STRING;
                }
                parser.skipChildren();
            }
            errorShaped = code && message;
        }

        Answer answer() {
            boolean reply = result != null || error != null;
            String echo = id == null || badId || method == null ? "null" : id;
            if (!"2.0".equals(version)) {
                return error(400, echo, INVALID_REQUEST, "Invalid Request: \"jsonrpc\" must be \"2.0\".");
            }
            if (badId) {
                return error(400, echo, INVALID_REQUEST, "Invalid Request: \"id\" must be a string or an integer.");
            }
            if (method == null) {
                return reply ? response()
                        : error(400, echo, INVALID_REQUEST, "Invalid Request: a request needs a \"method\" (a string);"
                                + " a response needs an \"id\" and a \"result\" or an \"error\".");
            }
            if (method.isEmpty()) {
                return error(400, echo, INVALID_REQUEST, "Invalid Request: \"method\" must be a non-empty string.");
            }
            if (reply) {
                return error(400, echo, INVALID_REQUEST, "Invalid Request: a message is a request (with \"method\")"
                        + " or a response (with \"result\" or \"error\"), not both.");
            }
            if (idPresent && id == null) {
                return error(400, echo, INVALID_REQUEST, "Invalid Request: the \"id\" of a request must be a string"
                        + " or an integer, not null; leave it out for a notification.");
            }
            if (Boolean.FALSE.equals(paramsObject)) {
                return error(400, echo, INVALID_PARAMS, "Invalid params: \"params\" must be an object.");
            }
            String problem = params.problemFor(method);
            if (problem != null) {
                return error(400, echo, INVALID_PARAMS, "Invalid params: " + problem);
            }
            if ((method.equals("resources/subscribe") || method.equals("resources/unsubscribe"))
                    && !resourceRequests.active() && resources.getResource(params.uriText) == null) {
                // The MCP layer can only watch resources registered by exact URI; anything else would be left
                // unanswered by it.
                return error(200, echo, RESOURCE_NOT_FOUND, "Resource not found: " + params.uriText + " is not a"
                        + " resource this connector can watch for changes; read it again to see its current content.");
            }
            return null;
        }

        /** A response to a request of the server's: its integer id, and an object result or error, not both. */
        private Answer response() {
            if (!longId) {
                return error(400, "null", INVALID_REQUEST, "Invalid Request: a response carries the integer \"id\" of"
                        + " the server's request it answers.");
            }
            if (result != null && error != null) {
                return error(400, "null", INVALID_REQUEST, "Invalid Request: a response carries a \"result\" or an"
                        + " \"error\", not both.");
            }
            if (result != null && result != JsonToken.START_OBJECT) {
                return error(400, "null", INVALID_REQUEST, "Invalid Request: the \"result\" of a response must be an"
                        + " object.");
            }
            if (error != null && !errorShaped) {
                return error(400, "null", INVALID_REQUEST, "Invalid Request: the \"error\" of a response must be an"
                        + " object with an integer \"code\" and a string \"message\".");
            }
            return null;
        }
    }

    private static Answer error(int status, String id, int code, String message) {
        return new Answer(status, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":" + code
                + ",\"message\":" + quoted(message) + "}}");
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> "JSON value";
        };
    }
}
