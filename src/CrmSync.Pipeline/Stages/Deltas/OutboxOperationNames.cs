using CrmSync.Core.Deltas;

namespace CrmSync.Pipeline.Stages.Deltas;

/// <summary>gold.*_outbox_contacts.operation values.</summary>
public static class OutboxOperationNames
{
    public const string Update = "UPDATE";
    public const string Create = "CREATE";

    public static IReadOnlyList<string> All { get; } = [Update, Create];

    public static string Of(OutboxOperation operation) => operation == OutboxOperation.Create ? Create : Update;
}
