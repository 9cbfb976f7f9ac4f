package io.mcpconnectors.postgres;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.desc.ColumnDescriptor;

/**
 * The type of each result column in PostgreSQL's own words, as {@code format_type} spells it ({@code integer},
 * {@code numeric(12,2)}, {@code character varying(80)}, {@code timestamp with time zone}, {@code shop.order_status}):
 * the same names {@code describe_table} gives, so a model meets one vocabulary.
 *
 * <p>
 * The server sends each column's type OID, type modifier and, for a column read straight from a table, the table and
 * column number; the driver keeps them in its column descriptor but shows only its own enum name ({@code INT4},
 * {@code NUMERIC}, {@code UNKNOWN} for enums). They are read from the descriptor here (the driver offers no accessor),
 * and named by the server: built-in types once and then from memory (their names never change), a table's column
 * through the catalog. Two kinds of type do not reach the driver intact: one it does not know (an enum, a composite
 * type, an array of either) arrives as {@code unknown}, and a domain arrives as its base type (the server sends the
 * base type in its row description). For a table's column the catalog names both; a computed column is named by
 * asking the server for {@code pg_typeof} of each column of the same statement, joined on {@code false} so that it
 * is planned but never run. That probe runs only when a computed column is unknown or of a type some domain is based
 * on (the domains' base types are read from the catalog at most once a minute). If the driver's descriptor ever
 * changes shape, the driver's name, lower-cased, is used instead and a warning is logged once.
 */
@ApplicationScoped
public class ResultColumnTypes {

    private static final Logger LOG = Logger.getLogger(ResultColumnTypes.class);

    /** Types with a lower OID are built into PostgreSQL (FirstNormalObjectId). */
    static final long FIRST_USER_OID = 16384;
    /** The OID the driver reports for a type it does not know. */
    static final int UNKNOWN_OID = 705;
    /** How long the set of types domains are based on is used before it is read again. */
    static final long DOMAIN_BASES_TTL_NANOS = TimeUnit.MINUTES.toNanos(1);

    static final String NAMES = """
            SELECT CASE WHEN r.rel <> 0 THEN (SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
                                              WHERE a.attrelid = r.rel::oid AND a.attnum = r.num)
                        ELSE format_type(r.typ::oid, r.mods) END AS name
            FROM unnest($1::int8[], $2::int4[], $3::int8[], $4::int4[]) WITH ORDINALITY AS r(rel, num, typ, mods, ord)
            ORDER BY r.ord""";

    /**
     * The base types of the domains a query can meet (those of pg_catalog and information_schema left out: the
     * catalogs' own columns keep their base type names).
     */
    static final String DOMAIN_BASES = """
            SELECT coalesce(array_agg(DISTINCT t.typbasetype::int8), '{}') FROM pg_type t
            WHERE t.typtype = 'd' AND t.typnamespace NOT IN ('pg_catalog'::regnamespace,
                                                              'information_schema'::regnamespace)""";

    /** What the server said about one column. */
    record Described(long typeOid, int typeModifier, long relation, int column) {
        long key() {
            return (typeOid << 32) | (typeModifier & 0xffffffffL);
        }

        /** Only built-in types named without a table are remembered. */
        boolean rememberable() {
            return relation == 0 && typeOid < FIRST_USER_OID;
        }
    }

    /** The base types of domains, and when they were read. */
    private record DomainBases(Set<Long> oids, long readAtNanos) {
    }

    private final Cache<Long, String> builtIn = Caffeine.newBuilder().maximumSize(4096).build();
    private final DescriptorFields fields = DescriptorFields.find();
    private final AtomicReference<DomainBases> domainBases = new AtomicReference<>();

    /**
     * The PostgreSQL name of each column's type, in order.
     *
     * @param sql the statement that produced the columns, run again (planned, never executed) only to name computed
     *        columns whose type the row description does not carry
     * @param parameters its parameters
     */
    public Future<List<String>> names(SqlConnection connection, List<ColumnDescriptor> columns, String sql,
            List<Object> parameters) {
        List<Described> described = new ArrayList<>(columns.size());
        for (ColumnDescriptor column : columns) {
            described.add(fields == null ? null : fields.read(column));
        }
        return domainBases(connection).compose(bases -> {
            List<String> names = new ArrayList<>(columns.size());
            List<Described> asked = new ArrayList<>();
            List<Integer> askedAt = new ArrayList<>();
            List<Integer> probed = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                Described d = described.get(i);
                if (d == null) {
                    names.add(columns.get(i).typeName().toLowerCase(Locale.ROOT));
                    continue;
                }
                boolean hidden = d.typeOid() == UNKNOWN_OID || bases.contains(d.typeOid());
                names.add(null);
                if (d.relation() == 0 && hidden) {
                    probed.add(i);
                    continue;
                }
                // A table's column is named by the catalog when its type may be hidden; otherwise by its type.
                Described named = d.relation() != 0 && hidden ? d : new Described(d.typeOid(), d.typeModifier(), 0, 0);
                String known = named.rememberable() ? builtIn.getIfPresent(named.key()) : null;
                names.set(i, known);
                if (known == null) {
                    asked.add(named);
                    askedAt.add(i);
                }
            }
            return catalogNames(connection, asked, askedAt, names)
                    .compose(done -> probe(connection, sql, parameters, described, probed, names));
        });
    }

    private Future<Set<Long>> domainBases(SqlConnection connection) {
        DomainBases known = domainBases.get();
        if (known != null && System.nanoTime() - known.readAtNanos() < DOMAIN_BASES_TTL_NANOS) {
            return Future.succeededFuture(known.oids());
        }
        return connection.query(DOMAIN_BASES).execute().map(rows -> {
            Set<Long> oids = new HashSet<>();
            for (Long oid : rows.iterator().next().getArrayOfLongs(0)) {
                oids.add(oid);
            }
            domainBases.set(new DomainBases(Set.copyOf(oids), System.nanoTime()));
            return oids;
        });
    }

    private Future<Void> catalogNames(SqlConnection connection, List<Described> asked, List<Integer> askedAt,
            List<String> names) {
        if (asked.isEmpty()) {
            return Future.succeededFuture();
        }
        Tuple arguments = Tuple.of(asked.stream().map(Described::relation).toArray(Long[]::new),
                asked.stream().map(Described::column).toArray(Integer[]::new),
                asked.stream().map(Described::typeOid).toArray(Long[]::new),
                asked.stream().map(Described::typeModifier).toArray(Integer[]::new));
        return connection.preparedQuery(NAMES).execute(arguments).map(rows -> {
            int k = 0;
            for (Row row : rows) {
                Described d = asked.get(k);
                String name = row.getString(0);
                if (name == null) {
                    name = "unknown";
                } else if (d.rememberable()) {
                    builtIn.put(d.key(), name);
                }
                names.set(askedAt.get(k), name);
                k++;
            }
            return null;
        });
    }

    /**
     * Names computed columns by the server's own account of the statement's result: pg_typeof of each, in a join on
     * false, which PostgreSQL plans without running the statement. A column whose type is the one the row
     * description gave (not a domain after all) keeps that type's name with its modifier.
     */
    private Future<List<String>> probe(SqlConnection connection, String sql, List<Object> parameters,
            List<Described> described, List<Integer> probed, List<String> names) {
        if (probed.isEmpty()) {
            return Future.succeededFuture(names);
        }
        // Behind a savepoint: a statement that cannot stand as a subquery (EXPLAIN) fails the probe without leaving
        // the transaction aborted for what runs after it in the call.
        return connection.query("SAVEPOINT mcp_types").execute()
                .compose(saved -> connection.preparedQuery(probeStatement(sql, described, probed))
                        .execute(Tuple.from(parameters)))
                .compose(rows -> connection.query("RELEASE SAVEPOINT mcp_types").execute().map(released -> {
                    Row row = rows.iterator().next();
                    for (int k = 0; k < probed.size(); k++) {
                        String name = row.getString(k);
                        names.set(probed.get(k), name == null ? "unknown" : name);
                    }
                    return names;
                }), failure -> {
                    // The statement ran; only these columns' names are missing.
                    LOG.debugf("Result column types not named: %s", failure.getMessage());
                    probed.forEach(i -> names.set(i, "unknown"));
                    return connection.query("ROLLBACK TO SAVEPOINT mcp_types").execute().map(undone -> names);
                });
    }

    /**
     * The probe: the checked statement unchanged inside a subquery on lines of its own (so a trailing comment ends
     * before the closing parenthesis), its columns renamed by position; every other part is the connector's own
     * text and numbers.
     */
    static String probeStatement(String sql, List<Described> described, List<Integer> probed) {
        StringBuilder select = new StringBuilder("SELECT ");
        for (int k = 0; k < probed.size(); k++) {
            int i = probed.get(k);
            Described d = described.get(i);
            String column = "pg_typeof(mcp_types.c" + (i + 1) + ")::oid";
            select.append(k == 0 ? "" : ", ").append("CASE WHEN ").append(column).append(" = ").append(d.typeOid())
                    .append(" THEN format_type(").append(d.typeOid()).append(", ").append(d.typeModifier())
                    .append(") ELSE format_type(").append(column).append(", NULL) END");
        }
        String aliases = IntStream.rangeClosed(1, described.size()).mapToObj(n -> "c" + n)
                .collect(Collectors.joining(", "));
        return select + " FROM (VALUES (0)) AS mcp_one LEFT JOIN (\n" + sql + "\n) AS mcp_types(" + aliases
                + ") ON false";
    }

    /** Where the driver keeps what the server said about a column (package-private fields of its descriptor). */
    private record DescriptorFields(Field dataType, Field dataTypeId, Field typeModifier, Field relationId,
            Field relationAttributeNo) {

        static DescriptorFields find() {
            try {
                Class<?> descriptor = Class.forName("io.vertx.pgclient.impl.codec.PgColumnDesc");
                Class<?> dataType = Class.forName("io.vertx.pgclient.impl.codec.DataType");
                return new DescriptorFields(open(descriptor, "dataType"), open(dataType, "id"),
                        open(descriptor, "typeModifier"), open(descriptor, "relationId"),
                        open(descriptor, "relationAttributeNo"));
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warnf("Result column types are shown with the driver's names (%s): %s", e.getClass().getSimpleName(),
                        e.getMessage());
                return null;
            }
        }

        private static Field open(Class<?> type, String name) throws NoSuchFieldException {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        }

        Described read(ColumnDescriptor column) {
            if (!dataType.getDeclaringClass().isInstance(column)) {
                return null;
            }
            try {
                Object type = dataType.get(column);
                long oid = Integer.toUnsignedLong(dataTypeId.getInt(type));
                long relation = Integer.toUnsignedLong(relationId.getInt(column));
                return new Described(oid, typeModifier.getInt(column), relation, relationAttributeNo.getShort(column));
            } catch (IllegalAccessException | RuntimeException e) {
                return null;
            }
        }
    }
}
