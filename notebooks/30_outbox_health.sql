-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Outbox health
-- MAGIC Field-level changes waiting to be pushed to each CRM (`gold.*_outbox_contacts`): what is
-- MAGIC pending, what keeps failing, and whether the one-open-change-per-person rule holds.
-- MAGIC
-- MAGIC Portable SQL: every cell runs unchanged on Databricks (after 00_setup.sql) and in
-- MAGIC `crmsync sql` on DuckDB. One statement per cell.

-- COMMAND ----------

-- Rows per status and target system.
SELECT 'hubspot' AS target_system, status, COUNT(*) AS row_count, MIN(created_at) AS oldest, MAX(attempts) AS max_attempts
FROM gold.hubspot_outbox_contacts
GROUP BY status
UNION ALL
SELECT 'dynamics' AS target_system, status, COUNT(*) AS row_count, MIN(created_at) AS oldest, MAX(attempts) AS max_attempts
FROM gold.dynamics_outbox_contacts
GROUP BY status
ORDER BY target_system, status

-- COMMAND ----------

-- Creates versus updates still to push.
SELECT 'hubspot' AS target_system, operation, COUNT(*) AS row_count
FROM gold.hubspot_outbox_contacts
WHERE status IN ('PENDING', 'FAILED')
GROUP BY operation
UNION ALL
SELECT 'dynamics' AS target_system, operation, COUNT(*) AS row_count
FROM gold.dynamics_outbox_contacts
WHERE status IN ('PENDING', 'FAILED')
GROUP BY operation
ORDER BY target_system, operation

-- COMMAND ----------

-- Failed pushes waiting for their next attempt, most attempted first.
SELECT 'hubspot' AS target_system, outbox_id, unified_contact_id, target_id, attempts, next_attempt_at, last_error
FROM gold.hubspot_outbox_contacts
WHERE status = 'FAILED'
UNION ALL
SELECT 'dynamics' AS target_system, outbox_id, unified_contact_id, target_id, attempts, next_attempt_at, last_error
FROM gold.dynamics_outbox_contacts
WHERE status = 'FAILED'
ORDER BY attempts DESC, next_attempt_at, outbox_id

-- COMMAND ----------

-- Must return no rows: at most one open (PENDING or FAILED) change per person and target.
SELECT 'hubspot' AS target_system, unified_contact_id, COUNT(*) AS open_rows
FROM gold.hubspot_outbox_contacts
WHERE status IN ('PENDING', 'FAILED')
GROUP BY unified_contact_id
HAVING COUNT(*) > 1
UNION ALL
SELECT 'dynamics' AS target_system, unified_contact_id, COUNT(*) AS open_rows
FROM gold.dynamics_outbox_contacts
WHERE status IN ('PENDING', 'FAILED')
GROUP BY unified_contact_id
HAVING COUNT(*) > 1
