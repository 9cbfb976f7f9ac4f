package io.mcpconnectors.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.mcpconnectors.common.auth.SessionPrincipals;
import io.vertx.core.json.JsonObject;

/**
 * The {@code nextCursor} of the gateway's {@code resources/list}: where the listing goes on (which upstream, that
 * upstream's own cursor for the caller's next page of it, and how far into that page), signed with a key drawn at random when the gateway starts,
 * over that position, its expiry and the caller (principal, scopes and identity claims). So a cursor continues only the listing of the
 * caller it was given to: another caller's cursor, one pointed at another upstream or with another upstream cursor,
 * an expired one and one from before a restart are refused. Nothing is kept between pages.
 */
final class ListingCursors {

    /**
     * Where a listing goes on: at an upstream, whose pinned resources were listed ({@code begun}) or not, at the page
     * of its listed data that its {@code upstreamCursor} asks for (null: its first), from the entry at {@code offset}
     * of that page (or of its pinned resources, when not begun) where the previous page was full before its end.
     */
    record Position(String upstream, String upstreamCursor, boolean begun, int offset) {
    }

    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static final String MAC = "HmacSHA256";

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    ListingCursors(Duration ttl, Clock clock) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, MAC);
        this.ttl = ttl;
        this.clock = clock;
    }

    String next(SessionPrincipals.Caller caller, Position position) {
        JsonObject payload = new JsonObject().put("u", position.upstream()).put("b", position.begun())
                .put("e", clock.millis() + ttl.toMillis());
        if (position.upstreamCursor() != null) {
            payload.put("c", position.upstreamCursor());
        }
        if (position.offset() > 0) {
            payload.put("o", position.offset());
        }
        byte[] body = payload.encode().getBytes(StandardCharsets.UTF_8);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(body) + "." + base64.encodeToString(sign(caller, body));
    }

    /** The position a cursor carries, once checked for this caller; {@link Refused} saying why it is not accepted. */
    Position position(SessionPrincipals.Caller caller, String cursor) {
        int dot = cursor.indexOf('.');
        if (dot <= 0) {
            throw mismatch();
        }
        byte[] body;
        byte[] signature;
        try {
            body = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
            signature = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw mismatch();
        }
        if (!MessageDigest.isEqual(signature, sign(caller, body))) {
            throw mismatch();
        }
        JsonObject payload = new JsonObject(new String(body, StandardCharsets.UTF_8));
        if (clock.millis() > payload.getLong("e")) {
            throw new Refused("Invalid params: the cursor has expired (connector.limits.cursor-ttl); list again"
                    + " without a cursor to start over.");
        }
        return new Position(payload.getString("u"), payload.getString("c"), payload.getBoolean("b"),
                payload.getInteger("o", 0));
    }

    private static Refused mismatch() {
        return new Refused("Invalid params: the cursor does not belong to this listing: a nextCursor continues only the"
                + " resources/list that returned it, for the same caller, and only until the gateway restarts. List"
                + " again without a cursor to start over.");
    }

    private byte[] sign(SessionPrincipals.Caller caller, byte[] body) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            mac.update(caller.principal().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(String.join(" ", new TreeSet<>(caller.scopes())).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(String.join("\u0000", caller.identityKeys()).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a cursor", e);
        }
    }
}
