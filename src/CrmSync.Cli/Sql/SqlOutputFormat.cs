namespace CrmSync.Cli.Sql;

/// <summary>`--format` of `crmsync sql`.</summary>
public enum SqlOutputFormat
{
    Table,
    Csv,
    Json,
}
