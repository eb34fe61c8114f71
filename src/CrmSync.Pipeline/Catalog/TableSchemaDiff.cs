using CrmSync.Lake.Protocol;

namespace CrmSync.Pipeline.Catalog;

/// <summary>
/// How an existing table differs from the schema the configuration needs: the columns setup adds (nullable, at the end
/// of the schema), and the differences it refuses to make, each naming the table and column: a changed type, a column
/// the table has as NOT NULL where nulls are now written, a missing column that is required, other partitioning.
/// Columns the table has beyond the configured ones (e.g. a field removed from the mappings) stay: setup never drops one.
/// </summary>
public sealed record TableSchemaDiff(string Table, IReadOnlyList<StructField> MissingColumns, IReadOnlyList<string> Problems)
{
    /// <summary>The table has every configured column as configured (columns beyond them are fine).</summary>
    public bool IsCurrent => MissingColumns.Count == 0 && Problems.Count == 0;

    /// <summary>Why a stage refuses the table, naming the columns and the fix: setup for missing columns, by hand for
    /// what setup refuses (each problem says how).</summary>
    public string OutOfDateMessage()
    {
        // The mappings file by name only: --config or CONFIG_DIR may put it in any folder.
        const string Writer = "this version of CrmSync (or its field_mappings.yaml)";
        var missing = string.Join(", ", MissingColumns.Select(c => c.Name));
        if (Problems.Count == 0)
        {
            return $"Table {Table} lacks column(s) {missing} that {Writer} writes; run `crmsync setup` to add them. Nothing was changed.";
        }

        var alsoMissing = MissingColumns.Count == 0 ? "" : $"; it also lacks column(s) {missing}, which `crmsync setup` adds once that is fixed";
        return $"Table {Table} does not match the schema {Writer} needs: {string.Join("; ", Problems)}{alsoMissing}. Nothing was changed.";
    }

    public static TableSchemaDiff Compare(string table, StructType expected, IReadOnlyList<string> expectedPartitions, StructType actual,
        IReadOnlyList<string> actualPartitions)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(expectedPartitions);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(actualPartitions);
        var missing = new List<StructField>();
        var problems = new List<string>();
        foreach (var field in expected.Fields)
        {
            var ordinal = actual.TryIndexOf(field.Name);
            if (ordinal < 0)
            {
                if (field.Nullable)
                {
                    missing.Add(field);
                }
                else
                {
                    problems.Add($"column '{field.Name}' is missing and required (NOT NULL): the rows already written have no value for it, "
                        + "and setup adds only nullable columns; recreate the table or add the column by hand");
                }

                continue;
            }

            var existing = actual[ordinal];
            if (!existing.Type.Equals(field.Type))
            {
                problems.Add($"column '{existing.Name}' is {existing.Type.SimpleString} in the table but the configuration needs {field.Type.SimpleString}; "
                    + "setup never changes a column's type: migrate the table by hand");
            }
            else if (!existing.Nullable && field.Nullable)
            {
                // The reverse (nullable in the table, required now) is harmless: the data tests enforce not_null.
                problems.Add($"column '{existing.Name}' is NOT NULL in the table but the configuration writes nulls to it; "
                    + "setup never changes a column's nullability: migrate the table by hand");
            }
        }

        if (!expectedPartitions.SequenceEqual(actualPartitions, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"the table is partitioned by [{string.Join(", ", actualPartitions)}] but the configuration needs "
                + $"[{string.Join(", ", expectedPartitions)}]; setup never repartitions a table: recreate it");
        }

        return new TableSchemaDiff(table, missing, problems);
    }
}
