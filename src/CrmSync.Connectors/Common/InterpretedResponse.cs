namespace CrmSync.Connectors.Common;

/// <summary>A final response turned into a value, with the record count the call report needs.</summary>
public readonly record struct InterpretedResponse<T>(T Value, int Records);
