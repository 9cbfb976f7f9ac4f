-- Statements the query tool must refuse before anything reaches the server: the known bypasses (stacked statements,
-- writable CTEs, row locks, set_config, server files, COPY, dblink, SELECT INTO, advisory locks), other statements
-- that are not queries, and text a check cannot read to its end. Same format as valid-reads.sql.
-- @@ stacked-commit-drop
COMMIT; DROP TABLE nation
-- @@ stacked-after-query
SELECT 1; DELETE FROM nation
-- @@ stacked-after-values
VALUES (1); DROP TABLE nation
-- @@ stacked-after-dollar-quote
SELECT $$x$$; DROP TABLE nation
-- @@ stacked-after-comment
/* harmless */ SELECT 1; -- comment
DROP TABLE nation
-- @@ writable-cte-delete
WITH d AS (DELETE FROM nation RETURNING *) SELECT * FROM d
-- @@ writable-cte-update
WITH u AS (UPDATE nation SET n_comment = 'x' RETURNING 1) SELECT * FROM u
-- @@ writable-cte-insert
WITH i AS (INSERT INTO region VALUES (9, 'X', 'x') RETURNING 1) SELECT 1
-- @@ writable-cte-materialized
WITH m AS MATERIALIZED (DELETE FROM nation RETURNING 1) SELECT 1
-- @@ writable-cte-nested
WITH a AS (WITH d AS (DELETE FROM nation RETURNING 1) SELECT 1) SELECT 1
-- @@ write-after-with
WITH x AS (SELECT 1) DELETE FROM nation
-- @@ merge-after-with
WITH v AS (SELECT 9 AS k) MERGE INTO region r USING v ON r.r_regionkey = v.k WHEN MATCHED THEN DELETE
-- @@ for-update
SELECT * FROM nation FOR UPDATE
-- @@ for-update-split-over-lines
SELECT * FROM nation FOR
UPDATE
-- @@ for-no-key-update
SELECT * FROM nation FOR NO KEY UPDATE
-- @@ for-share
SELECT * FROM nation FOR SHARE
-- @@ for-key-share
SELECT * FROM nation FOR KEY SHARE
-- @@ for-update-of-skip-locked
SELECT * FROM nation n FOR UPDATE OF n SKIP LOCKED
-- @@ for-update-in-subquery
SELECT * FROM (SELECT * FROM nation FOR UPDATE) s
-- @@ set-config
SELECT set_config('default_transaction_read_only', 'off', false)
-- @@ set-config-qualified
SELECT pg_catalog.set_config('role', 'postgres', true)
-- @@ set-config-quoted
SELECT "set_config"('a', 'b', false)
-- @@ set-config-upper-case-in-order-by
SELECT 1 ORDER BY SET_CONFIG('a', 'b', false)
-- @@ set-config-in-window
SELECT row_number() OVER (PARTITION BY set_config('a', 'b', false))
-- @@ set-config-unicode-escaped
SELECT U&"set\005fconfig"('a', 'b', false)
-- @@ pg-read-file
SELECT pg_read_file('/etc/passwd')
-- @@ pg-read-binary-file
SELECT pg_read_binary_file('/etc/passwd')
-- @@ pg-ls-dir
SELECT * FROM pg_ls_dir('.')
-- @@ copy-to-program
COPY nation TO PROGRAM 'id'
-- @@ copy-query-to-stdout
COPY (SELECT 1) TO STDOUT
-- @@ dblink
SELECT * FROM dblink('dbname=tpch', 'DELETE FROM nation RETURNING 1') AS t(x int)
-- @@ dblink-exec
SELECT dblink_exec('dbname=tpch', 'DELETE FROM nation')
-- @@ select-into
SELECT * INTO nation_copy FROM nation
-- @@ select-into-temp
SELECT * INTO TEMP nation_temp FROM nation
-- @@ advisory-lock
SELECT pg_advisory_lock(1)
-- @@ advisory-xact-lock
SELECT pg_try_advisory_xact_lock(1)
-- @@ large-object-import
SELECT lo_import('/etc/passwd')
-- @@ terminate-backend
SELECT pg_terminate_backend(pg_backend_pid())
-- @@ sql-text-run-by-ts-stat
SELECT * FROM ts_stat($$SELECT to_tsvector(set_config('role', 'x', true))$$)
-- @@ sql-text-run-by-query-to-xml
SELECT query_to_xml('DELETE FROM nation RETURNING 1', true, true, '')
-- @@ set
SET default_transaction_read_only = off
-- @@ reset
RESET ALL
-- @@ begin
BEGIN
-- @@ do-block
DO $$BEGIN DELETE FROM nation; END$$
-- @@ delete
DELETE FROM nation
-- @@ delete-after-comments
/* hide */ -- and hide
DELETE FROM nation
-- @@ delete-in-parentheses
(DELETE FROM nation RETURNING 1)
-- @@ update
UPDATE nation SET n_comment = 'x'
-- @@ insert
INSERT INTO region VALUES (9, 'X', 'x')
-- @@ merge
MERGE INTO region r USING (VALUES (9)) v(k) ON r.r_regionkey = v.k WHEN NOT MATCHED THEN INSERT VALUES (9, 'X', 'x')
-- @@ truncate
TRUNCATE nation
-- @@ drop
DROP TABLE nation
-- @@ create-table-as
CREATE TABLE nation_copy AS SELECT * FROM nation
-- @@ explain-analyze-delete
EXPLAIN ANALYZE DELETE FROM nation
-- @@ lock
LOCK TABLE nation
-- @@ notify
NOTIFY channel
-- @@ listen
LISTEN channel
-- @@ prepare
PREPARE p AS DELETE FROM nation
-- @@ call
CALL some_procedure()
-- @@ declare-cursor
DECLARE c CURSOR FOR SELECT 1
-- @@ show
SHOW search_path
-- @@ unterminated-comment
SELECT 1 /* never closed
-- @@ unterminated-dollar-quote
SELECT $q$ never closed
-- @@ unterminated-string
SELECT 'never closed
-- @@ empty-after-comments
-- nothing but a comment
