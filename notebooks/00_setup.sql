-- Databricks notebook source
-- MAGIC %md
-- MAGIC # CrmSync: register the lake's Delta tables
-- MAGIC Run once after the first `setup` task (and again whenever a table is added to docs/tables.md).
-- MAGIC Creates one schema per layer (`bronze`, `silver`, `gold`, `meta`) in the chosen catalog and registers
-- MAGIC every Delta table the job writes as an **external table by LOCATION**, so analysts write
-- MAGIC `SELECT * FROM silver.contacts_unified` exactly as with `crmsync sql`.
-- MAGIC
-- MAGIC * `catalog`: the catalog to hold the schemas (`hive_metastore` for a lake on a DBFS mount).
-- MAGIC * `lake_location`: the storage URI of the lake root, i.e. the folder the job's `--lake` writes:
-- MAGIC   the job default `/dbfs/mnt/crmsync/lake` is `dbfs:/mnt/crmsync/lake` here.
-- MAGIC   Unity Catalog refuses tables inside a volume: see docs/databricks.md, "Where the lake lives".
-- MAGIC
-- MAGIC The job owns the data: these tables are read-only for analysts; never write to them from Spark.

-- COMMAND ----------

CREATE WIDGET TEXT catalog DEFAULT 'hive_metastore'

-- COMMAND ----------

CREATE WIDGET TEXT lake_location DEFAULT 'dbfs:/mnt/crmsync/lake'

-- COMMAND ----------

CREATE CATALOG IF NOT EXISTS ${catalog}

-- COMMAND ----------

USE CATALOG ${catalog}

-- COMMAND ----------

CREATE SCHEMA IF NOT EXISTS bronze COMMENT 'CrmSync bronze layer (written by the crmsync job only)'

-- COMMAND ----------

CREATE SCHEMA IF NOT EXISTS silver COMMENT 'CrmSync silver layer (written by the crmsync job only)'

-- COMMAND ----------

CREATE SCHEMA IF NOT EXISTS gold COMMENT 'CrmSync gold layer (written by the crmsync job only)'

-- COMMAND ----------

CREATE SCHEMA IF NOT EXISTS meta COMMENT 'CrmSync meta layer (written by the crmsync job only)'

-- COMMAND ----------

CREATE TABLE IF NOT EXISTS bronze.hubspot_contacts_raw USING DELTA LOCATION '${lake_location}/bronze/hubspot_contacts_raw';
CREATE TABLE IF NOT EXISTS bronze.dynamics_contacts_raw USING DELTA LOCATION '${lake_location}/bronze/dynamics_contacts_raw';

-- COMMAND ----------

CREATE TABLE IF NOT EXISTS silver.hubspot_contacts_snapshot USING DELTA LOCATION '${lake_location}/silver/hubspot_contacts_snapshot';
CREATE TABLE IF NOT EXISTS silver.dynamics_contacts_snapshot USING DELTA LOCATION '${lake_location}/silver/dynamics_contacts_snapshot';
CREATE TABLE IF NOT EXISTS silver.id_crosswalk_contacts USING DELTA LOCATION '${lake_location}/silver/id_crosswalk_contacts';
CREATE TABLE IF NOT EXISTS silver.crosswalk_conflicts USING DELTA LOCATION '${lake_location}/silver/crosswalk_conflicts';
CREATE TABLE IF NOT EXISTS silver.contacts_unified USING DELTA LOCATION '${lake_location}/silver/contacts_unified';
CREATE TABLE IF NOT EXISTS silver.field_conflicts USING DELTA LOCATION '${lake_location}/silver/field_conflicts';
CREATE TABLE IF NOT EXISTS silver.contacts_scd2 USING DELTA LOCATION '${lake_location}/silver/contacts_scd2';

-- COMMAND ----------

CREATE TABLE IF NOT EXISTS gold.hubspot_outbox_contacts USING DELTA LOCATION '${lake_location}/gold/hubspot_outbox_contacts';
CREATE TABLE IF NOT EXISTS gold.dynamics_outbox_contacts USING DELTA LOCATION '${lake_location}/gold/dynamics_outbox_contacts';

-- COMMAND ----------

CREATE TABLE IF NOT EXISTS meta.watermarks USING DELTA LOCATION '${lake_location}/meta/watermarks';
CREATE TABLE IF NOT EXISTS meta.audit_log USING DELTA LOCATION '${lake_location}/meta/audit_log';
CREATE TABLE IF NOT EXISTS meta.dead_letter USING DELTA LOCATION '${lake_location}/meta/dead_letter';
CREATE TABLE IF NOT EXISTS meta.sync_runs USING DELTA LOCATION '${lake_location}/meta/sync_runs';

-- COMMAND ----------

-- Every table listed in docs/tables.md must appear here.
SELECT table_schema, table_name, table_type
FROM information_schema.tables
WHERE table_schema IN ('bronze', 'silver', 'gold', 'meta')
ORDER BY table_schema, table_name
