-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Unified contacts
-- MAGIC One row per person across HubSpot and Dynamics 365 (`silver.contacts_unified`), how
-- MAGIC each source record was linked (`silver.id_crosswalk_contacts`), and what needs a human.
-- MAGIC
-- MAGIC Portable SQL: every cell runs unchanged on Databricks (after 00_setup.sql) and in
-- MAGIC `crmsync sql` on DuckDB. One statement per cell.

-- COMMAND ----------

-- Who we know, and where they live.
SELECT
  COUNT(*) AS people,
  SUM(CASE WHEN hubspot_id IS NOT NULL AND dynamics_id IS NOT NULL THEN 1 ELSE 0 END) AS in_both,
  SUM(CASE WHEN hubspot_id IS NOT NULL AND dynamics_id IS NULL THEN 1 ELSE 0 END) AS hubspot_only,
  SUM(CASE WHEN hubspot_id IS NULL AND dynamics_id IS NOT NULL THEN 1 ELSE 0 END) AS dynamics_only,
  SUM(CASE WHEN is_deleted THEN 1 ELSE 0 END) AS deleted
FROM silver.contacts_unified

-- COMMAND ----------

-- How source records were linked to people.
SELECT source_system, match_method, COUNT(*) AS records
FROM silver.id_crosswalk_contacts
GROUP BY source_system, match_method
ORDER BY source_system, match_method

-- COMMAND ----------

-- Must return no rows: a person holds at most one record per system.
SELECT unified_contact_id, source_system, COUNT(*) AS records
FROM silver.id_crosswalk_contacts
GROUP BY unified_contact_id, source_system
HAVING COUNT(*) > 1

-- COMMAND ----------

-- Records never linked or pushed because another record of the same system has their email.
SELECT source_system, reason, COUNT(*) AS records, MAX(detected_at) AS last_detected_at
FROM silver.crosswalk_conflicts
GROUP BY source_system, reason
ORDER BY records DESC, source_system

-- COMMAND ----------

-- Fields under the `manual` rule waiting for an operator's decision.
SELECT field, COUNT(*) AS open_conflicts, MIN(detected_at) AS oldest
FROM silver.field_conflicts
WHERE status = 'OPEN'
GROUP BY field
ORDER BY open_conflicts DESC, field

-- COMMAND ----------

-- The most recently changed people.
SELECT *
FROM silver.contacts_unified
ORDER BY updated_at DESC, unified_contact_id
LIMIT 50
