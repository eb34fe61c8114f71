using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace CrmSync.Cli.Sql;

/// <summary>
/// Refuses every statement that is not a query before anything runs. DuckDB's own lock-down
/// (external access off, only the tables' current data files allowed) stops reads and writes
/// elsewhere, but it cannot tell reading an allowed data file from overwriting it
/// (<c>COPY ... TO '&lt;data file&gt;'</c>, <c>ATTACH</c>): only queries may reach the engine.
/// </summary>
public static class SqlStatementGuard
{
    // duckdb_statement_type values of the C API (DuckDB.NET's enum is shifted for newer types).
    private const int SelectStatement = 1;

    public static void EnsureReadOnly(DuckDBConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var count = NativeMethods.ExtractStatements.DuckDBExtractStatements(connection.NativeConnection, sql, out var statements);
        using (statements)
        {
            if (count == 0)
            {
                throw new SqlQueryException(NativeMethods.ExtractStatements.DuckDBExtractStatementsError(statements));
            }

            for (var index = 0; index < count; index++)
            {
                var state = NativeMethods.ExtractStatements.DuckDBPrepareExtractedStatement(connection.NativeConnection, statements, index, out var prepared);
                using (prepared)
                {
                    if (state != DuckDBState.Success)
                    {
                        throw new SqlQueryException(NativeMethods.PreparedStatements.DuckDBPrepareError(prepared));
                    }

                    if (DuckDbStatementType.Of(prepared) != SelectStatement)
                    {
                        throw new SqlQueryException(
                            $"statement {index + 1} is not a query: `crmsync sql` only reads (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE); the lake is written by the pipeline only");
                    }
                }
            }
        }
    }
}
