using CrmSync.Lake.Expressions;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>The bronze rows a group of unify partitions takes from one CRM: ingest_seq in (After, Through], and of those only
/// the rows of <see cref="SourceIds"/> (every row when null, the single-partition case).</summary>
internal sealed record BronzeSlice(long After, long Through, IReadOnlySet<string>? SourceIds)
{
    public bool IsEmpty => Through <= After || SourceIds is { Count: 0 };

    public Expr Filter
    {
        get
        {
            var range = Expr.And(Expr.Gt("ingest_seq", After), Expr.Le("ingest_seq", Through));
            return SourceIds is null ? range : Expr.And(range, Expr.In("source_id", SourceIds));
        }
    }
}
