namespace CrmSync.Cli.Sql;

/// <summary>A table as a SQL session sees it: its name, the version read and how many files back it.</summary>
public sealed record LakeSqlTable(string QualifiedName, long Version, int FileCount);
