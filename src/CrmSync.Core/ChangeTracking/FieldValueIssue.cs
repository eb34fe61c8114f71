using CrmSync.Core.Contacts;

namespace CrmSync.Core.ChangeTracking;

/// <summary>A source value that could not be read as its field's type (kept as text, never pushed).</summary>
public sealed record FieldValueIssue(SourceKey Record, string Field, string SourceName, string Problem)
{
    public override string ToString() => $"{Record} field {Field} ({SourceName}): {Problem}";
}
