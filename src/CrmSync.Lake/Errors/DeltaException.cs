namespace CrmSync.Lake;

/// <summary>Base of every failure the Delta engine reports; each failure kind has its own subtype.</summary>
public abstract class DeltaException : Exception
{
    protected DeltaException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
