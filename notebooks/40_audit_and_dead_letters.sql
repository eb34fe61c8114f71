-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Runs, API audit and dead letters
-- MAGIC What each stage did (`meta.sync_runs`), every API call it made (`meta.audit_log`), the pushes
-- MAGIC that failed for good (`meta.dead_letter`) and how far each stream has read (`meta.watermarks`).
-- MAGIC Retry or discard dead letters with `crmsync dead-letter`.
-- MAGIC
-- MAGIC Portable SQL: every cell runs unchanged on Databricks (after 00_setup.sql) and in
-- MAGIC `crmsync sql` on DuckDB. One statement per cell.

-- COMMAND ----------

-- The latest stage executions.
SELECT run_id, stage, status, started_at, ended_at, records_read, records_created, records_updated, records_failed, records_skipped, error
FROM meta.sync_runs
ORDER BY started_at DESC, stage
LIMIT 50

-- COMMAND ----------

-- API calls per system, stage and HTTP status, with latency.
SELECT system, stage, status, COUNT(*) AS calls, AVG(latency_ms) AS avg_latency_ms, MAX(latency_ms) AS max_latency_ms, SUM(CASE WHEN attempt > 1 THEN 1 ELSE 0 END) AS retries
FROM meta.audit_log
GROUP BY system, stage, status
ORDER BY system, stage, status

-- COMMAND ----------

-- Throttling and server errors per run.
SELECT run_id, system, SUM(CASE WHEN status = 429 THEN 1 ELSE 0 END) AS throttled, SUM(CASE WHEN status >= 500 THEN 1 ELSE 0 END) AS server_errors, SUM(CASE WHEN status IS NULL THEN 1 ELSE 0 END) AS no_response
FROM meta.audit_log
GROUP BY run_id, system
HAVING SUM(CASE WHEN status = 429 OR status >= 500 OR status IS NULL THEN 1 ELSE 0 END) > 0
ORDER BY run_id, system

-- COMMAND ----------

-- Open dead letters: pushes that failed for good and need a decision.
SELECT system, outbox_id, unified_contact_id, target_id, error_code, error, attempts, first_failed_at, last_failed_at
FROM meta.dead_letter
WHERE status = 'OPEN'
ORDER BY last_failed_at DESC, system, outbox_id

-- COMMAND ----------

-- Dead letters by error code and status.
SELECT system, error_code, status, COUNT(*) AS letters
FROM meta.dead_letter
GROUP BY system, error_code, status
ORDER BY letters DESC, system, error_code

-- COMMAND ----------

-- How far each stream has read.
SELECT stream, watermark, cursor, updated_at, run_id
FROM meta.watermarks
ORDER BY stream
