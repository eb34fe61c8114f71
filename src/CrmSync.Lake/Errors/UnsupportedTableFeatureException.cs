namespace CrmSync.Lake;

/// <summary>The table needs a protocol feature this engine does not implement; it is refused rather than misread.</summary>
public sealed class UnsupportedTableFeatureException(string tablePath, string feature, string reason)
    : DeltaException($"Table '{tablePath}' cannot be used: {reason} (feature: {feature}).")
{
    public string TablePath { get; } = tablePath;

    /// <summary>The feature name, e.g. <c>deletionVectors</c>, <c>columnMapping</c>, <c>readerVersion 4</c>.</summary>
    public string Feature { get; } = feature;
}
