namespace CrmSync.Core.Configuration;

/// <summary>When a target value is replaced.</summary>
public enum WriteStrategy
{
    /// <summary>Push whenever the normalized values differ.</summary>
    Overwrite,

    /// <summary>Push only when the target is empty; a value someone typed is never replaced.</summary>
    FillIfMissing,
}
