package io.mcpconnectors.postgres;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.data.Cidr;
import io.vertx.pgclient.data.Inet;
import io.vertx.pgclient.data.Interval;
import io.vertx.pgclient.data.Money;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

/**
 * Maps PostgreSQL values, as the driver decodes them, to JSON without loss: numbers a JSON reader could round
 * (numeric, bigint beyond 2^53, NaN and infinities) become exact strings, times ISO-8601 (with their zone when
 * the type has one), bytea base64, intervals ISO-8601 durations, json/jsonb stays JSON, arrays become arrays, and
 * the remaining types (uuid, inet, enums, ranges, geometric, money) their PostgreSQL text form.
 */
final class PgValues {

    static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

    private PgValues() {
    }

    static Object toJson(Object value) {
        if (value == null || value == Tuple.JSON_NULL) {
            return null;
        }
        if (value instanceof Boolean || value instanceof Short || value instanceof Integer || value instanceof String) {
            return value;
        }
        if (value instanceof Long l) {
            return Math.abs(l) <= MAX_SAFE_INTEGER ? l : l.toString();
        }
        if (value instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? f.toString() : f;
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? d.toString() : d;
        }
        if (value instanceof Numeric n) {
            return n.isNaN() ? "NaN" : n.bigDecimalValue() != null ? n.bigDecimalValue().toPlainString() : n.toString();
        }
        if (value instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (value instanceof Temporal t) {
            return t.toString();
        }
        if (value instanceof Buffer buffer) {
            return Base64.getEncoder().encodeToString(buffer.getBytes());
        }
        if (value instanceof JsonObject json) {
            return json.getMap();
        }
        if (value instanceof JsonArray json) {
            return json.getList();
        }
        if (value instanceof Interval interval) {
            return isoDuration(interval);
        }
        if (value instanceof Inet inet) {
            return address(inet.getAddress(), inet.getNetmask());
        }
        if (value instanceof Cidr cidr) {
            return address(cidr.getAddress(), cidr.getNetmask());
        }
        if (value instanceof Money money) {
            return money.bigDecimalValue().toPlainString();
        }
        if (value instanceof Map<?, ?> || value instanceof Number) {
            return value;
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> list = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                list.add(toJson(Array.get(value, i)));
            }
            return list;
        }
        return value.toString();
    }

    /** inet and cidr in PostgreSQL's text form: the address, and the prefix length when there is one. */
    static String address(InetAddress address, Integer netmask) {
        return address.getHostAddress() + (netmask == null ? "" : "/" + netmask);
    }

    static String isoDuration(Interval i) {
        StringBuilder iso = new StringBuilder("P");
        if (i.getYears() != 0) {
            iso.append(i.getYears()).append('Y');
        }
        if (i.getMonths() != 0) {
            iso.append(i.getMonths()).append('M');
        }
        if (i.getDays() != 0) {
            iso.append(i.getDays()).append('D');
        }
        long micros = i.getMicroseconds();
        if (i.getHours() != 0 || i.getMinutes() != 0 || i.getSeconds() != 0 || micros != 0) {
            iso.append('T');
            if (i.getHours() != 0) {
                iso.append(i.getHours()).append('H');
            }
            if (i.getMinutes() != 0) {
                iso.append(i.getMinutes()).append('M');
            }
            if (i.getSeconds() != 0 || micros != 0) {
                BigDecimal seconds = BigDecimal.valueOf(i.getSeconds()).add(BigDecimal.valueOf(micros, 6))
                        .stripTrailingZeros();
                iso.append(seconds.toPlainString()).append('S');
            }
        }
        return iso.length() == 1 ? "PT0S" : iso.toString();
    }
}
