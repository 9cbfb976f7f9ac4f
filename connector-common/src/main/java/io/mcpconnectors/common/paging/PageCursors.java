package io.mcpconnectors.common.paging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.spi.ArgSpec;
import io.mcpconnectors.common.spi.ArgType;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.JsonSchemas;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;

/**
 * The {@code next_cursor} of a paged result and its check when a call continues with {@code cursor}. A cursor says
 * only where the next page starts (a position the tool defines, such as rows already returned) and when it expires;
 * it is signed with a key drawn at random when the connector starts, over the tool, the caller (principal and
 * data-source identity) and every other argument of the call. So a cursor continues exactly the call that produced
 * it: another caller, other arguments, a forged position or an expired cursor are refused, and a cursor from before
 * a restart is no longer accepted. Nothing is kept between calls (no connection, no server-side cursor, no state
 * here): the tool runs the call again from the position.
 */
@ApplicationScoped
public class PageCursors {

    public static final String ARGUMENT = "cursor";
    public static final String NEXT = "next_cursor";
    public static final String TTL_KEY = "connector.limits.cursor-ttl";

    /** The optional argument every paged tool declares. */
    public static final ArgSpec CURSOR = ArgSpec.optional(ARGUMENT, ArgType.STRING, "next_cursor of the previous"
            + " page, to continue where it stopped; every other argument must be the same as in that call");

    /** The output property every paged tool declares: present only when more results follow. */
    public static final Map<String, Object> NEXT_CURSOR = JsonSchemas.string("present only when the result was cut"
            + " short and more follows: call the tool again with the same arguments and this as 'cursor'");

    private static final String MAC = "HmacSHA256";

    private final Duration ttl;
    private final Clock clock;
    private final SecretKeySpec key;
    private final ObjectMapper canonical = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    @Inject
    public PageCursors(ConnectorRuntimeConfig config) {
        this(config.limits().cursorTtl(), Clock.systemUTC());
    }

    public PageCursors(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, MAC);
    }

    /** Where the call starts: 0 without a cursor, else the position its cursor carries once checked. */
    public long position(String tool, ToolCall call) {
        String cursor = call.arguments().optionalString(ARGUMENT).orElse(null);
        return cursor == null ? 0 : position(cursor, tool, call.caller(), bound(call), CALL_MISMATCH,
                "Run the call again without 'cursor' to start from the beginning.");
    }

    /** A cursor that continues this call at {@code position}. */
    public String next(String tool, ToolCall call, long position) {
        return next(tool, call.caller(), bound(call), position);
    }

    /**
     * The position a cursor carries, once checked against what it must continue: the subject (a tool, or a protocol
     * listing such as {@code resources/list}), the caller and the other values the listing depends on.
     *
     * @param mismatch the message when the cursor was made for something else, tampered with or is from before a
     *        restart
     * @param restart what to do once the cursor expired
     * @throws ToolCallException with {@code mismatch}, or saying that the cursor expired
     */
    public long position(String cursor, String subject, CallerIdentity caller, Map<String, Object> bound,
            String mismatch, String restart) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new ToolCallException(mismatch);
        }
        if (raw.length != 16 + 32) {
            throw new ToolCallException(mismatch);
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        long position = buffer.getLong();
        long expires = buffer.getLong();
        byte[] signature = new byte[32];
        buffer.get(signature);
        if (!MessageDigest.isEqual(signature, sign(subject, caller, bound, position, expires)) || position < 0) {
            throw new ToolCallException(mismatch);
        }
        if (clock.millis() > expires) {
            throw new ToolCallException("The cursor has expired (" + TTL_KEY + " is " + describe(ttl) + "). "
                    + restart);
        }
        return position;
    }

    /** A cursor that continues a subject's listing for this caller at {@code position}. */
    public String next(String subject, CallerIdentity caller, Map<String, Object> bound, long position) {
        long expires = clock.millis() + ttl.toMillis();
        ByteBuffer buffer = ByteBuffer.allocate(16 + 32);
        buffer.putLong(position).putLong(expires).put(sign(subject, caller, bound, position, expires));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    private static Map<String, Object> bound(ToolCall call) {
        Map<String, Object> bound = new LinkedHashMap<>(call.arguments().asMap());
        bound.remove(ARGUMENT);
        return bound;
    }

    private byte[] sign(String subject, CallerIdentity caller, Map<String, Object> bound, long position,
            long expires) {
        Map<String, Object> signed = new LinkedHashMap<>();
        signed.put("tool", subject);
        signed.put("principal", caller.principal());
        signed.put("identity", caller.mapped());
        signed.put("arguments", bound);
        signed.put("position", position);
        signed.put("expires", expires);
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(canonical.writeValueAsString(signed).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a cursor", e);
        }
    }

    private static final String CALL_MISMATCH = "The cursor does not belong to this call: a cursor continues only"
            + " the call that returned it, for the same caller, with the same arguments, and only until the connector"
            + " restarts. Repeat that call's arguments with this cursor, or call again without 'cursor' to start over.";

    private static String describe(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
