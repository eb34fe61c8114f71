-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Contact history (SCD type 2)
-- MAGIC `silver.contacts_scd2` keeps every version of every person. A version is valid as of `t` when
-- MAGIC `valid_from <= t AND (valid_to IS NULL OR t < valid_to)`. Change the `t` of the first query to
-- MAGIC look at another moment.
-- MAGIC
-- MAGIC Portable SQL: every cell runs unchanged on Databricks (after 00_setup.sql) and in
-- MAGIC `crmsync sql` on DuckDB. One statement per cell.

-- COMMAND ----------

-- Every person as they were one day ago.
WITH as_of AS (SELECT CURRENT_TIMESTAMP - INTERVAL 1 DAY AS t)
SELECT history.*
FROM silver.contacts_scd2 AS history
CROSS JOIN as_of
WHERE history.valid_from <= as_of.t
  AND (history.valid_to IS NULL OR as_of.t < history.valid_to)
ORDER BY history.unified_contact_id

-- COMMAND ----------

-- The people who changed most often.
SELECT unified_contact_id, COUNT(*) AS versions, MIN(valid_from) AS first_seen, MAX(valid_from) AS last_changed
FROM silver.contacts_scd2
GROUP BY unified_contact_id
ORDER BY versions DESC, unified_contact_id
LIMIT 20

-- COMMAND ----------

-- New versions per day.
SELECT CAST(valid_from AS DATE) AS day, COUNT(*) AS versions, SUM(CASE WHEN is_deleted THEN 1 ELSE 0 END) AS deletions
FROM silver.contacts_scd2
GROUP BY CAST(valid_from AS DATE)
ORDER BY day

-- COMMAND ----------

-- Must return no rows: exactly one current version per person.
SELECT unified_contact_id, COUNT(*) AS current_versions
FROM silver.contacts_scd2
WHERE is_current
GROUP BY unified_contact_id
HAVING COUNT(*) > 1

-- COMMAND ----------

-- Must return no rows: the versions of one person never overlap in time.
SELECT earlier.unified_contact_id, earlier.valid_from, earlier.valid_to, later.valid_from AS overlapping_from
FROM silver.contacts_scd2 AS earlier
JOIN silver.contacts_scd2 AS later
  ON earlier.unified_contact_id = later.unified_contact_id
 AND earlier.valid_from < later.valid_from
 AND (earlier.valid_to IS NULL OR later.valid_from < earlier.valid_to)
