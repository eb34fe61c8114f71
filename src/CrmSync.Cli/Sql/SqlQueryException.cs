namespace CrmSync.Cli.Sql;

/// <summary>A query DuckDB rejected or that would write: the message is DuckDB's (or the guard's) own words.</summary>
public sealed class SqlQueryException(string message) : Exception(message);
