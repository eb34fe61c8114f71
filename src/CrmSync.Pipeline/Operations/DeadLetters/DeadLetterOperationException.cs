namespace CrmSync.Pipeline.Operations.DeadLetters;

/// <summary>A retry or discard that cannot be done as asked (unknown id, already resolved, superseded); nothing was written.</summary>
public sealed class DeadLetterOperationException(string message) : Exception(message);
