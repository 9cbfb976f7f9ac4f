package io.mcpconnectors.postgres;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * through the catalog when the driver does not know its type (enums, composite types). If the driver's descriptor
 * ever changes shape, the driver's name, lower-cased, is used instead and a warning is logged once.
 */
@ApplicationScoped
public class ResultColumnTypes {

    private static final Logger LOG = Logger.getLogger(ResultColumnTypes.class);

    /** Types with a lower OID are built into PostgreSQL (FirstNormalObjectId). */
    static final long FIRST_USER_OID = 16384;
    /** The OID the driver reports for a type it does not know. */
    static final int UNKNOWN_OID = 705;

    static final String NAMES = """
            SELECT CASE WHEN r.rel <> 0 THEN (SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
                                              WHERE a.attrelid = r.rel::oid AND a.attnum = r.num)
                        ELSE format_type(r.typ::oid, r.mods) END AS name
            FROM unnest($1::int8[], $2::int4[], $3::int8[], $4::int4[]) WITH ORDINALITY AS r(rel, num, typ, mods, ord)
            ORDER BY r.ord""";

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

    private final Cache<Long, String> builtIn = Caffeine.newBuilder().maximumSize(4096).build();
    private final DescriptorFields fields = DescriptorFields.find();

    /** The PostgreSQL name of each column's type, in order. */
    public Future<List<String>> names(SqlConnection connection, List<ColumnDescriptor> columns) {
        List<String> names = new ArrayList<>(columns.size());
        List<Described> unknown = new ArrayList<>();
        List<Integer> unknownAt = new ArrayList<>();
        for (ColumnDescriptor column : columns) {
            Described described = fields == null ? null : fields.read(column);
            if (described == null) {
                names.add(column.typeName().toLowerCase(Locale.ROOT));
                continue;
            }
            boolean lookUpColumn = described.typeOid() == UNKNOWN_OID && described.relation() != 0;
            Described asked = lookUpColumn ? described
                    : new Described(described.typeOid(), described.typeModifier(), 0, 0);
            String known = asked.rememberable() ? builtIn.getIfPresent(asked.key()) : null;
            names.add(known);
            if (known == null) {
                unknown.add(asked);
                unknownAt.add(names.size() - 1);
            }
        }
        if (unknown.isEmpty()) {
            return Future.succeededFuture(names);
        }
        Tuple arguments = Tuple.of(unknown.stream().map(Described::relation).toArray(Long[]::new),
                unknown.stream().map(Described::column).toArray(Integer[]::new),
                unknown.stream().map(Described::typeOid).toArray(Long[]::new),
                unknown.stream().map(Described::typeModifier).toArray(Integer[]::new));
        return connection.preparedQuery(NAMES).execute(arguments).map(rows -> {
            int k = 0;
            for (Row row : rows) {
                Described asked = unknown.get(k);
                String name = row.getString(0);
                if (name == null) {
                    name = "unknown";
                } else if (asked.rememberable()) {
                    builtIn.put(asked.key(), name);
                }
                names.set(unknownAt.get(k), name);
                k++;
            }
            return names;
        });
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
