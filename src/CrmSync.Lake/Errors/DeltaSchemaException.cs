namespace CrmSync.Lake;

/// <summary>Data does not fit the table schema; names the row, column and value at fault.</summary>
public sealed class DeltaSchemaException(string message, Exception? innerException = null)
    : DeltaException(message, innerException);
