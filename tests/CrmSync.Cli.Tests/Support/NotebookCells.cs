namespace CrmSync.Cli.Tests.Support;

/// <summary>Splits a Databricks SQL notebook into its cells.</summary>
public static class NotebookCells
{
    public const string Header = "-- Databricks notebook source";
    public const string Separator = "-- COMMAND ----------";

    public static IReadOnlyList<string> Read(string path) =>
        File.ReadAllText(path)[Header.Length..].Split(Separator).Select(cell => cell.Trim()).ToList();

    /// <summary>False for markdown (`-- MAGIC %md`) cells.</summary>
    public static bool IsSql(string cell) => !cell.StartsWith("-- MAGIC", StringComparison.Ordinal);
}
