using System.Runtime.InteropServices;
using DuckDB.NET.Native;

namespace CrmSync.Cli.Sql;

/// <summary>The C API's statement type of a prepared statement (not exposed by DuckDB.NET).</summary>
internal static partial class DuckDbStatementType
{
    public static int Of(DuckDBPreparedStatement prepared) => duckdb_prepared_statement_type(prepared.DangerousGetHandle());

    [LibraryImport("duckdb")]
    private static partial int duckdb_prepared_statement_type(IntPtr statement);
}
