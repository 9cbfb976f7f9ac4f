-- Approvals of write and admin tool calls, and the hash-chained audit events, shared by every connector that
-- points connector.store.jdbc-url at this database.
create table mcp_approval (
    id             varchar(64)  primary key,
    connector      varchar(64)  not null,
    tool           varchar(64)  not null,
    access         varchar(16)  not null,
    principal      varchar(256) not null,
    arguments_hash char(64)     not null,
    arguments      text         not null,
    preview        text,
    status         varchar(16)  not null,
    created_at     timestamptz  not null,
    expires_at     timestamptz  not null,
    decided_by     varchar(256),
    decided_at     timestamptz,
    reason         text,
    finished_at    timestamptz,
    outcome        text
);
create index mcp_approval_by_connector on mcp_approval (connector, created_at);

-- event is the exact JSON text that was hashed (text, not jsonb, which would re-order it).
create table mcp_audit_event (
    seq       bigint      primary key,
    prev_hash char(64)    not null,
    hash      char(64)    not null,
    event     text        not null
);

-- The newest record of the chain, updated in the same transaction as each append: a deleted tail shows.
create table mcp_audit_head (
    id   smallint primary key check (id = 1),
    seq  bigint   not null,
    hash char(64) not null
);
insert into mcp_audit_head (id, seq, hash) values (1, 0, repeat('0', 64));
