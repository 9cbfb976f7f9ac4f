package io.mcpconnectors.common.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.approval.Approval;
import io.mcpconnectors.common.approval.ApprovalStatus;

/**
 * The shared store: approvals and the audit chain in PostgreSQL tables that Flyway creates and migrates
 * ({@code db/connector-store}). Each approval change is one conditional UPDATE, so two replicas deciding or
 * claiming the same approval cannot both succeed; each chain append locks the head row, so replicas append in
 * one order.
 */
public final class PostgresStore implements ConnectorStore {

    private static final String COLUMNS = "id, connector, tool, access, principal, arguments_hash, arguments, preview,"
            + " status, created_at, expires_at, decided_by, decided_at, reason, finished_at, outcome";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final String where;

    public PostgresStore(DataSource dataSource, ObjectMapper json, String where) {
        this.dataSource = dataSource;
        this.json = json;
        this.where = where;
    }

    @Override
    public String describe() {
        return "PostgreSQL store at " + where;
    }

    @Override
    public void create(Approval a) {
        run("store the approval", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into mcp_approval (" + COLUMNS
                    + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, a);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Approval> find(String id) {
        return run("read the approval", connection -> {
            try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS
                    + " from mcp_approval where id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(approval(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Approval> list() {
        return run("list approvals", connection -> {
            try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS
                    + " from mcp_approval order by created_at, id"); ResultSet rows = select.executeQuery()) {
                List<Approval> all = new ArrayList<>();
                while (rows.next()) {
                    all.add(approval(rows));
                }
                return all;
            }
        });
    }

    @Override
    public boolean replace(ApprovalStatus expected, Approval a) {
        return run("update the approval", connection -> {
            try (PreparedStatement update = connection.prepareStatement("update mcp_approval set status = ?,"
                    + " decided_by = ?, decided_at = ?, reason = ?, finished_at = ?, outcome = ?"
                    + " where id = ? and status = ?")) {
                update.setString(1, a.status().name());
                update.setString(2, a.decidedBy());
                update.setTimestamp(3, timestamp(a.decidedAt()));
                update.setString(4, a.reason());
                update.setTimestamp(5, timestamp(a.finishedAt()));
                update.setString(6, a.outcome());
                update.setString(7, a.id());
                update.setString(8, expected.name());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void append(List<String> eventsJson, boolean durable) {
        run("append to the audit chain", connection -> {
            connection.setAutoCommit(false);
            try {
                long seq;
                String prev;
                try (PreparedStatement head = connection.prepareStatement(
                        "select seq, hash from mcp_audit_head where id = 1 for update");
                        ResultSet rows = head.executeQuery()) {
                    if (!rows.next()) {
                        throw new SQLException("mcp_audit_head has no row");
                    }
                    seq = rows.getLong(1) + 1;
                    prev = rows.getString(2);
                }
                ChainRecord record = null;
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into mcp_audit_event (seq, prev_hash, hash, event) values (?, ?, ?, ?)")) {
                    for (String event : eventsJson) {
                        record = ChainRecord.next(seq++, prev, event);
                        prev = record.hash();
                        insert.setLong(1, record.seq());
                        insert.setString(2, record.prev());
                        insert.setString(3, record.hash());
                        insert.setString(4, record.event());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                if (record == null) {
                    connection.rollback();
                    return null;
                }
                try (PreparedStatement update = connection.prepareStatement(
                        "update mcp_audit_head set seq = ?, hash = ? where id = 1")) {
                    update.setLong(1, record.seq());
                    update.setString(2, record.hash());
                    update.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            return null;
        });
    }

    @Override
    public ChainVerification verify() {
        return run("read the audit chain", connection -> {
            // One snapshot for records and head, so appends by a running connector do not look like tampering.
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                long headSeq;
                String headHash;
                try (PreparedStatement head = connection.prepareStatement(
                        "select seq, hash from mcp_audit_head where id = 1"); ResultSet rows = head.executeQuery()) {
                    if (!rows.next()) {
                        return new ChainVerification(false, 0, 0, null, "the chain head row is missing");
                    }
                    headSeq = rows.getLong(1);
                    headHash = rows.getString(2);
                }
                // Streamed with a cursor (fetch size, inside the transaction): any length of chain fits in memory.
                ChainVerification.Walker walker = new ChainVerification.Walker();
                try (PreparedStatement select = connection.prepareStatement(
                        "select seq, prev_hash, hash, event from mcp_audit_event order by seq")) {
                    select.setFetchSize(1000);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next() && walker.accept(new ChainRecord(rows.getLong(1), rows.getString(2),
                                rows.getString(3), rows.getString(4)), headSeq)) {
                            // each record checked as it arrives
                        }
                    }
                }
                return walker.result(headSeq, headHash);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        });
    }

    private void bind(PreparedStatement insert, Approval a) throws SQLException {
        insert.setString(1, a.id());
        insert.setString(2, a.connector());
        insert.setString(3, a.tool());
        insert.setString(4, a.access());
        insert.setString(5, a.principal());
        insert.setString(6, a.argumentsHash());
        try {
            insert.setString(7, json.writeValueAsString(a.arguments()));
        } catch (JsonProcessingException e) {
            throw new SQLException("arguments are not serialisable", e);
        }
        insert.setString(8, a.preview());
        insert.setString(9, a.status().name());
        insert.setTimestamp(10, timestamp(a.createdAt()));
        insert.setTimestamp(11, timestamp(a.expiresAt()));
        insert.setString(12, a.decidedBy());
        insert.setTimestamp(13, timestamp(a.decidedAt()));
        insert.setString(14, a.reason());
        insert.setTimestamp(15, timestamp(a.finishedAt()));
        insert.setString(16, a.outcome());
    }

    private Approval approval(ResultSet row) throws SQLException {
        Map<String, Object> arguments;
        try {
            arguments = json.readValue(row.getString("arguments"), MAP);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored arguments of approval " + row.getString("id") + " are not JSON", e);
        }
        return new Approval(row.getString("id"), row.getString("connector"), row.getString("tool"),
                row.getString("access"), row.getString("principal"), row.getString("arguments_hash"), arguments,
                row.getString("preview"), ApprovalStatus.valueOf(row.getString("status")),
                instant(row.getTimestamp("created_at")), instant(row.getTimestamp("expires_at")),
                row.getString("decided_by"), instant(row.getTimestamp("decided_at")), row.getString("reason"),
                instant(row.getTimestamp("finished_at")), row.getString("outcome"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T run(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            // SQLState and message only: the driver's messages carry no password.
            throw new StoreException("Could not " + what + " in the " + describe() + " (SQLState " + e.getSQLState()
                    + ": " + e.getMessage() + ").", e);
        }
    }
}
