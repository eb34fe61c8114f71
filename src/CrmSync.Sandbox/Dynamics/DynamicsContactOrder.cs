namespace CrmSync.Sandbox.Dynamics;

/// <summary>Orders contacts by (modifiedon, contactid): the index incremental reads page through.</summary>
internal sealed class DynamicsContactOrder : IComparer<DynamicsContact>
{
    public static readonly DynamicsContactOrder Instance = new();

    public int Compare(DynamicsContact? x, DynamicsContact? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var byTime = x.ModifiedOn.CompareTo(y.ModifiedOn);
        return byTime != 0 ? byTime : CompareIds(x.ContactId, y.ContactId);
    }

    /// <summary>Any total, stable order of ids works as the tie-break; Guid.CompareTo is one.</summary>
    public static int CompareIds(Guid x, Guid y) => x.CompareTo(y);
}
