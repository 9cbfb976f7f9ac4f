-- Valid PostgreSQL reads, each checked valid by the test in BEGIN READ ONLY on the tpch database before the
-- connector's guard and query tool are asked to run it. An entry starts with a line "-- @@ name"; text up to the
-- next such line is one statement.
-- @@ tpch-q01
select l_returnflag, l_linestatus, sum(l_quantity) as sum_qty, sum(l_extendedprice) as sum_base_price,
       sum(l_extendedprice * (1 - l_discount)) as sum_disc_price,
       sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) as sum_charge, avg(l_quantity) as avg_qty,
       avg(l_extendedprice) as avg_price, avg(l_discount) as avg_disc, count(*) as count_order
from lineitem
where l_shipdate <= date '1998-12-01' - interval '90' day
group by l_returnflag, l_linestatus
order by l_returnflag, l_linestatus;
-- @@ tpch-q02
select s_acctbal, s_name, n_name, p_partkey, p_mfgr, s_address, s_phone, s_comment
from part, supplier, partsupp, nation, region
where p_partkey = ps_partkey and s_suppkey = ps_suppkey and p_size = 15 and p_type like '%BRASS'
  and s_nationkey = n_nationkey and n_regionkey = r_regionkey and r_name = 'EUROPE'
  and ps_supplycost = (select min(ps_supplycost) from partsupp, supplier, nation, region
                       where p_partkey = ps_partkey and s_suppkey = ps_suppkey and s_nationkey = n_nationkey
                         and n_regionkey = r_regionkey and r_name = 'EUROPE')
order by s_acctbal desc, n_name, s_name, p_partkey
limit 100;
-- @@ tpch-q03
select l_orderkey, sum(l_extendedprice * (1 - l_discount)) as revenue, o_orderdate, o_shippriority
from customer, orders, lineitem
where c_mktsegment = 'BUILDING' and c_custkey = o_custkey and l_orderkey = o_orderkey
  and o_orderdate < date '1995-03-15' and l_shipdate > date '1995-03-15'
group by l_orderkey, o_orderdate, o_shippriority
order by revenue desc, o_orderdate
limit 10;
-- @@ tpch-q04
select o_orderpriority, count(*) as order_count
from orders
where o_orderdate >= date '1993-07-01' and o_orderdate < date '1993-07-01' + interval '3' month
  and exists (select * from lineitem where l_orderkey = o_orderkey and l_commitdate < l_receiptdate)
group by o_orderpriority
order by o_orderpriority;
-- @@ tpch-q05
select n_name, sum(l_extendedprice * (1 - l_discount)) as revenue
from customer, orders, lineitem, supplier, nation, region
where c_custkey = o_custkey and l_orderkey = o_orderkey and l_suppkey = s_suppkey and c_nationkey = s_nationkey
  and s_nationkey = n_nationkey and n_regionkey = r_regionkey and r_name = 'ASIA'
  and o_orderdate >= date '1994-01-01' and o_orderdate < date '1994-01-01' + interval '1' year
group by n_name
order by revenue desc;
-- @@ tpch-q06
select sum(l_extendedprice * l_discount) as revenue
from lineitem
where l_shipdate >= date '1994-01-01' and l_shipdate < date '1994-01-01' + interval '1' year
  and l_discount between 0.06 - 0.01 and 0.06 + 0.01 and l_quantity < 24;
-- @@ tpch-q07
select supp_nation, cust_nation, l_year, sum(volume) as revenue
from (select n1.n_name as supp_nation, n2.n_name as cust_nation, extract(year from l_shipdate) as l_year,
             l_extendedprice * (1 - l_discount) as volume
      from supplier, lineitem, orders, customer, nation n1, nation n2
      where s_suppkey = l_suppkey and o_orderkey = l_orderkey and c_custkey = o_custkey
        and s_nationkey = n1.n_nationkey and c_nationkey = n2.n_nationkey
        and ((n1.n_name = 'FRANCE' and n2.n_name = 'GERMANY') or (n1.n_name = 'GERMANY' and n2.n_name = 'FRANCE'))
        and l_shipdate between date '1995-01-01' and date '1996-12-31') as shipping
group by supp_nation, cust_nation, l_year
order by supp_nation, cust_nation, l_year;
-- @@ tpch-q08
select o_year, sum(case when nation = 'BRAZIL' then volume else 0 end) / sum(volume) as mkt_share
from (select extract(year from o_orderdate) as o_year, l_extendedprice * (1 - l_discount) as volume,
             n2.n_name as nation
      from part, supplier, lineitem, orders, customer, nation n1, nation n2, region
      where p_partkey = l_partkey and s_suppkey = l_suppkey and l_orderkey = o_orderkey and o_custkey = c_custkey
        and c_nationkey = n1.n_nationkey and n1.n_regionkey = r_regionkey and r_name = 'AMERICA'
        and s_nationkey = n2.n_nationkey and o_orderdate between date '1995-01-01' and date '1996-12-31'
        and p_type = 'ECONOMY ANODIZED STEEL') as all_nations
group by o_year
order by o_year;
-- @@ tpch-q09
select nation, o_year, sum(amount) as sum_profit
from (select n_name as nation, extract(year from o_orderdate) as o_year,
             l_extendedprice * (1 - l_discount) - ps_supplycost * l_quantity as amount
      from part, supplier, lineitem, partsupp, orders, nation
      where s_suppkey = l_suppkey and ps_suppkey = l_suppkey and ps_partkey = l_partkey and p_partkey = l_partkey
        and o_orderkey = l_orderkey and s_nationkey = n_nationkey and p_name like '%green%') as profit
group by nation, o_year
order by nation, o_year desc;
-- @@ tpch-q10
select c_custkey, c_name, sum(l_extendedprice * (1 - l_discount)) as revenue, c_acctbal, n_name, c_address, c_phone,
       c_comment
from customer, orders, lineitem, nation
where c_custkey = o_custkey and l_orderkey = o_orderkey and o_orderdate >= date '1993-10-01'
  and o_orderdate < date '1993-10-01' + interval '3' month and l_returnflag = 'R' and c_nationkey = n_nationkey
group by c_custkey, c_name, c_acctbal, c_phone, n_name, c_address, c_comment
order by revenue desc
limit 20;
-- @@ tpch-q11
select ps_partkey, sum(ps_supplycost * ps_availqty) as value
from partsupp, supplier, nation
where ps_suppkey = s_suppkey and s_nationkey = n_nationkey and n_name = 'GERMANY'
group by ps_partkey
having sum(ps_supplycost * ps_availqty) > (select sum(ps_supplycost * ps_availqty) * 0.0001
                                           from partsupp, supplier, nation
                                           where ps_suppkey = s_suppkey and s_nationkey = n_nationkey
                                             and n_name = 'GERMANY')
order by value desc;
-- @@ tpch-q12
select l_shipmode,
       sum(case when o_orderpriority = '1-URGENT' or o_orderpriority = '2-HIGH' then 1 else 0 end) as high_line_count,
       sum(case when o_orderpriority <> '1-URGENT' and o_orderpriority <> '2-HIGH' then 1 else 0 end) as low_line_count
from orders, lineitem
where o_orderkey = l_orderkey and l_shipmode in ('MAIL', 'SHIP') and l_commitdate < l_receiptdate
  and l_shipdate < l_commitdate and l_receiptdate >= date '1994-01-01'
  and l_receiptdate < date '1994-01-01' + interval '1' year
group by l_shipmode
order by l_shipmode;
-- @@ tpch-q13
select c_count, count(*) as custdist
from (select c_custkey, count(o_orderkey)
      from customer left outer join orders on c_custkey = o_custkey and o_comment not like '%special%requests%'
      group by c_custkey) as c_orders (c_custkey, c_count)
group by c_count
order by custdist desc, c_count desc;
-- @@ tpch-q14
select 100.00 * sum(case when p_type like 'PROMO%' then l_extendedprice * (1 - l_discount) else 0 end)
       / sum(l_extendedprice * (1 - l_discount)) as promo_revenue
from lineitem, part
where l_partkey = p_partkey and l_shipdate >= date '1995-09-01' and l_shipdate < date '1995-09-01' + interval '1' month;
-- @@ tpch-q15
with revenue0 (supplier_no, total_revenue) as (
  select l_suppkey, sum(l_extendedprice * (1 - l_discount))
  from lineitem
  where l_shipdate >= date '1996-01-01' and l_shipdate < date '1996-01-01' + interval '3' month
  group by l_suppkey)
select s_suppkey, s_name, s_address, s_phone, total_revenue
from supplier, revenue0
where s_suppkey = supplier_no and total_revenue = (select max(total_revenue) from revenue0)
order by s_suppkey;
-- @@ tpch-q16
select p_brand, p_type, p_size, count(distinct ps_suppkey) as supplier_cnt
from partsupp, part
where p_partkey = ps_partkey and p_brand <> 'Brand#45' and p_type not like 'MEDIUM POLISHED%'
  and p_size in (49, 14, 23, 45, 19, 3, 36, 9)
  and ps_suppkey not in (select s_suppkey from supplier where s_comment like '%Customer%Complaints%')
group by p_brand, p_type, p_size
order by supplier_cnt desc, p_brand, p_type, p_size;
-- @@ tpch-q17
select sum(l_extendedprice) / 7.0 as avg_yearly
from lineitem, part
where p_partkey = l_partkey and p_brand = 'Brand#23' and p_container = 'MED BOX'
  and l_quantity < (select 0.2 * avg(l_quantity) from lineitem where l_partkey = p_partkey);
-- @@ tpch-q18
select c_name, c_custkey, o_orderkey, o_orderdate, o_totalprice, sum(l_quantity)
from customer, orders, lineitem
where o_orderkey in (select l_orderkey from lineitem group by l_orderkey having sum(l_quantity) > 300)
  and c_custkey = o_custkey and o_orderkey = l_orderkey
group by c_name, c_custkey, o_orderkey, o_orderdate, o_totalprice
order by o_totalprice desc, o_orderdate
limit 100;
-- @@ tpch-q19
select sum(l_extendedprice * (1 - l_discount)) as revenue
from lineitem, part
where (p_partkey = l_partkey and p_brand = 'Brand#12' and p_container in ('SM CASE', 'SM BOX', 'SM PACK', 'SM PKG')
       and l_quantity >= 1 and l_quantity <= 1 + 10 and p_size between 1 and 5 and l_shipmode in ('AIR', 'AIR REG')
       and l_shipinstruct = 'DELIVER IN PERSON')
   or (p_partkey = l_partkey and p_brand = 'Brand#23' and p_container in ('MED BAG', 'MED BOX', 'MED PKG', 'MED PACK')
       and l_quantity >= 10 and l_quantity <= 10 + 10 and p_size between 1 and 10
       and l_shipmode in ('AIR', 'AIR REG') and l_shipinstruct = 'DELIVER IN PERSON')
   or (p_partkey = l_partkey and p_brand = 'Brand#34' and p_container in ('LG CASE', 'LG BOX', 'LG PACK', 'LG PKG')
       and l_quantity >= 20 and l_quantity <= 20 + 10 and p_size between 1 and 15
       and l_shipmode in ('AIR', 'AIR REG') and l_shipinstruct = 'DELIVER IN PERSON');
-- @@ tpch-q20
select s_name, s_address
from supplier, nation
where s_suppkey in (select ps_suppkey from partsupp
                    where ps_partkey in (select p_partkey from part where p_name like 'forest%')
                      and ps_availqty > (select 0.5 * sum(l_quantity) from lineitem
                                         where l_partkey = ps_partkey and l_suppkey = ps_suppkey
                                           and l_shipdate >= date '1994-01-01'
                                           and l_shipdate < date '1994-01-01' + interval '1' year))
  and s_nationkey = n_nationkey and n_name = 'CANADA'
order by s_name;
-- @@ tpch-q21
select s_name, count(*) as numwait
from supplier, lineitem l1, orders, nation
where s_suppkey = l1.l_suppkey and o_orderkey = l1.l_orderkey and o_orderstatus = 'F'
  and l1.l_receiptdate > l1.l_commitdate
  and exists (select * from lineitem l2 where l2.l_orderkey = l1.l_orderkey and l2.l_suppkey <> l1.l_suppkey)
  and not exists (select * from lineitem l3 where l3.l_orderkey = l1.l_orderkey and l3.l_suppkey <> l1.l_suppkey
                    and l3.l_receiptdate > l3.l_commitdate)
  and s_nationkey = n_nationkey and n_name = 'SAUDI ARABIA'
group by s_name
order by numwait desc, s_name
limit 100;
-- @@ tpch-q22
select cntrycode, count(*) as numcust, sum(c_acctbal) as totacctbal
from (select substring(c_phone from 1 for 2) as cntrycode, c_acctbal
      from customer
      where substring(c_phone from 1 for 2) in ('13', '31', '23', '29', '30', '18', '17')
        and c_acctbal > (select avg(c_acctbal) from customer
                         where c_acctbal > 0.00 and substring(c_phone from 1 for 2) in ('13', '31', '23', '29', '30', '18', '17'))
        and not exists (select * from orders where o_custkey = c_custkey)) as custsale
group by cntrycode
order by cntrycode;
-- @@ dollar-quote-with-tag
SELECT $tag$it's a $$ string$tag$ AS t
-- @@ dollar-quote-holding-statements
SELECT $fn$ COMMIT; DROP TABLE nation; SELECT pg_read_file('/etc/passwd') $fn$ AS text
-- @@ dollar-quote-plain
SELECT $$ a plain $$ AS t, $q1$nested $q2$ x $q2$ y$q1$ AS nested
-- @@ collate-quoted
SELECT n_name COLLATE "C" AS name FROM nation ORDER BY n_name COLLATE "C"
-- @@ prefix-operators
SELECT |/ 25.0 AS square_root, ||/ 27.0 AS cube_root, @ -5 AS absolute, - 3 AS negative, ~ 5 AS inverted
-- @@ infix-operators
SELECT 2 ^ 10 AS power, 7 % 3 AS remainder, 1 << 4 AS shifted, 5 # 1 AS xor, 6 & 3 AS bit_and, 6 | 3 AS bit_or
-- @@ percentile-cont
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY o_totalprice) AS median FROM orders
-- @@ ordered-set-aggregates
SELECT mode() WITHIN GROUP (ORDER BY o_orderpriority) AS common,
       percentile_disc(ARRAY[0.25, 0.75]) WITHIN GROUP (ORDER BY o_totalprice) AS quartiles
FROM orders
-- @@ nested-ctes
WITH a AS (WITH b AS (SELECT 1 AS x) SELECT x FROM b),
     c AS (WITH d AS (SELECT x + 1 AS y FROM a) SELECT y FROM d)
SELECT * FROM c
-- @@ recursive-cte
WITH RECURSIVE t(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM t WHERE n < 10) SELECT sum(n) AS total FROM t
-- @@ materialized-ctes
WITH x AS MATERIALIZED (SELECT 1 AS a), y AS NOT MATERIALIZED (SELECT 2 AS b) SELECT a, b FROM x, y
-- @@ lateral
SELECT n.n_name, s.cnt
FROM nation n CROSS JOIN LATERAL (SELECT count(*) AS cnt FROM supplier WHERE s_nationkey = n.n_nationkey) s
-- @@ left-join-lateral
SELECT c.c_name, last.o_orderdate
FROM customer c LEFT JOIN LATERAL (SELECT o_orderdate FROM orders WHERE o_custkey = c.c_custkey
                                   ORDER BY o_orderdate DESC LIMIT 1) last ON true
-- @@ window-functions
SELECT o_orderkey, row_number() OVER w AS n,
       rank() OVER (PARTITION BY o_custkey ORDER BY o_totalprice DESC) AS rank_in_customer,
       sum(o_totalprice) OVER (ORDER BY o_orderdate ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving_sum
FROM orders
WINDOW w AS (ORDER BY o_orderkey)
-- @@ window-frames
SELECT o_orderkey, lag(o_totalprice) OVER (ORDER BY o_orderdate) AS previous,
       first_value(o_orderkey) OVER (PARTITION BY o_custkey ORDER BY o_orderdate
                                     RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS first_order
FROM orders
-- @@ top-n-per-group
SELECT * FROM (SELECT n_name, n_regionkey, row_number() OVER (PARTITION BY n_regionkey ORDER BY n_name) AS rn
               FROM nation) ranked
WHERE rn <= 3
-- @@ filter
SELECT count(*) FILTER (WHERE o_orderstatus = 'F') AS finished, count(*) AS total FROM orders
-- @@ grouping-sets
SELECT l_returnflag, l_linestatus, grouping(l_returnflag, l_linestatus) AS level, sum(l_quantity) AS quantity
FROM lineitem
GROUP BY GROUPING SETS ((l_returnflag), (l_linestatus), ())
-- @@ rollup-cube
SELECT l_returnflag, l_shipmode, count(*) FROM lineitem GROUP BY ROLLUP (l_returnflag), CUBE (l_shipmode)
-- @@ arrays
SELECT (ARRAY[10, 20, 30])[2] AS second, (ARRAY[10, 20, 30])[2:3] AS slice, ARRAY[1, 2] @> ARRAY[1] AS contains,
       cardinality(ARRAY[[1, 2], [3, 4]]) AS cells, ARRAY[1, 2] || 3 AS appended, 2 = ANY (ARRAY[1, 2]) AS has_two
-- @@ array-aggregates
SELECT n_regionkey, array_agg(n_name ORDER BY n_name) AS names, string_agg(DISTINCT trim(n_name), ', ') AS list
FROM nation GROUP BY n_regionkey
-- @@ json-operators
SELECT '{"a":{"b":[1,2,3]}}'::jsonb -> 'a' ->> 'b' AS b, '{"a":{"b":[1,2,3]}}'::jsonb #> '{a,b}' AS path,
       '{"a":1}'::jsonb ? 'a' AS has_a, '{"a":1,"b":2}'::jsonb @> '{"a":1}' AS contains,
       jsonb_path_query_array('{"a":[1,2,3]}', '$.a[*] ? (@ > 1)') AS matched
-- @@ json-records
SELECT * FROM json_to_recordset('[{"a":1,"b":"x"},{"a":2,"b":"y"}]') AS r(a int, b text)
-- @@ escape-strings
SELECT E'tab\there\nnewline \'quoted\' \\ backslash' AS escaped, e'\x41' AS hex_escape
-- @@ string-forms
SELECT 'it''s' AS doubled, U&'d\0061t\+000061' AS unicode_string, B'1010' AS bits, X'1F' AS hex_bits,
       'semi;colon' AS s, 'multi'
       'line' AS continued
-- @@ nested-comments
SELECT /* outer /* inner; DROP TABLE nation */ still comment */ 1 AS one -- trailing comment; DELETE FROM nation
-- @@ leading-comments
-- what this query is for
/* a block comment */ SELECT r_name FROM region
-- @@ table-command
TABLE nation
-- @@ values-command
VALUES (1, 'one'), (2, 'two') ORDER BY 1 DESC
-- @@ parenthesised-set-operation
((SELECT 1 AS n) UNION ALL (SELECT 2)) ORDER BY n
-- @@ intersect-except
SELECT n_name FROM nation INTERSECT SELECT n_name FROM nation EXCEPT SELECT 'X'
-- @@ distinct-on
SELECT DISTINCT ON (o_custkey) o_custkey, o_orderdate FROM orders ORDER BY o_custkey, o_orderdate DESC
-- @@ with-ordinality
SELECT * FROM generate_series(1, 5) WITH ORDINALITY AS g(n, ord)
-- @@ rows-from
SELECT * FROM ROWS FROM (generate_series(1, 3), unnest(ARRAY['a', 'b'])) AS t(x, y)
-- @@ casts-and-time
SELECT o_orderdate::text AS day, CAST(o_totalprice AS float8) AS price, o_orderdate::timestamp AT TIME ZONE 'UTC' AS utc,
       interval '1 year 2 months' * 2 AS twice, date_trunc('month', o_orderdate) AS month,
       extract(epoch FROM timestamptz '2024-01-01 00:00:00+00') AS epoch
FROM orders LIMIT 3
-- @@ tablesample
SELECT count(*) FROM lineitem TABLESAMPLE SYSTEM (50) REPEATABLE (42)
-- @@ regular-expressions
SELECT n_name FROM nation WHERE n_name ~* '^a' OR n_name !~ 'x' OR n_name SIMILAR TO '%(A|B)%'
-- @@ conditional-expressions
SELECT CASE WHEN true THEN 'yes' ELSE 'no' END AS c, COALESCE(NULL, 'fallback') AS f, NULLIF(1, 1) AS n,
       GREATEST(1, 2, 3) AS g, format('%s has %s', 'a', 1) AS formatted, concat_ws(',', 'a', NULL, 'b') AS joined
-- @@ exists-fetch-first
SELECT * FROM nation n WHERE EXISTS (SELECT 1 FROM region r WHERE r.r_regionkey = n.n_regionkey)
ORDER BY n_nationkey FETCH FIRST 5 ROWS ONLY
-- @@ fetch-with-ties
SELECT * FROM nation ORDER BY n_regionkey OFFSET 1 ROWS FETCH NEXT 3 ROWS WITH TIES
-- @@ full-outer-join
SELECT a.x, b.y FROM (VALUES (1), (2)) a(x) FULL OUTER JOIN (VALUES (2), (3)) b(y) ON a.x = b.y
-- @@ between-symmetric
SELECT * FROM nation WHERE n_regionkey IN (SELECT r_regionkey FROM region WHERE r_name IN ('ASIA', 'EUROPE'))
  AND n_nationkey BETWEEN SYMMETRIC 20 AND 0
-- @@ like-escape
SELECT 1 AS one WHERE 'a_c' LIKE 'a\_%' ESCAPE '\'
-- @@ geometry-and-text-search
SELECT point(1, 2) <-> point(4, 6) AS distance, box '((0,0),(1,1))' && box '((0.5,0.5),(2,2))' AS overlaps,
       to_tsvector('english', 'The quick brown fox') @@ to_tsquery('fox') AS found
-- @@ rows-and-whole-row
SELECT row(1, 'a')::text AS r, (row(1, 2) = row(1, 2)) AS same, (o).o_orderkey FROM (SELECT o FROM orders o LIMIT 2) s
-- @@ quoted-names
SELECT "n_name" AS "Nation Name", n."n_regionkey" AS "semi;colon" FROM nation AS n
-- @@ words-that-contain-key-words
SELECT 1 AS update_count, 'delete' AS action, t.updated, t.inserted_at FROM (VALUES (true, now())) AS t(updated, inserted_at)
-- @@ key-words-as-qualified-names-and-aliases
SELECT t.update, t.delete AS merge FROM (VALUES (1, 2)) AS t("update", "delete")
-- @@ duplicate-column-names
SELECT n_nationkey AS k, n_regionkey AS k FROM nation
-- @@ mixed-case-key-words
SeLeCt N_NAME FrOm NATION wHeRe N_NATIONKEY < 3
-- @@ session-information
SELECT pg_typeof(1.5) AS t, current_setting('search_path') AS path, version() IS NOT NULL AS has_version,
       current_user IS NOT NULL AS has_user
-- @@ having-window
SELECT n_name, count(*) OVER () AS total FROM nation GROUP BY n_name HAVING count(*) >= 1
-- @@ trailing-semicolons
SELECT ';' AS s;;
-- @@ recent-rows
SELECT count(*) FROM lineitem WHERE l_shipdate > current_date - 30
