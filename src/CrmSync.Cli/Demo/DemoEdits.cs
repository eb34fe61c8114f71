namespace CrmSync.Cli.Demo;

/// <summary>What the simulated users changed between the two demo rounds.</summary>
/// <param name="HubSpotEdits">Contacts edited in HubSpot only.</param>
/// <param name="DynamicsEdits">Contacts edited in Dynamics only.</param>
/// <param name="ConflictingEdits">People edited in both CRMs on the same field, differently.</param>
/// <param name="HubSpotCreates">Contacts created by HubSpot users.</param>
/// <param name="DynamicsCreates">Contacts created by Dynamics users (one with an invalid email, one with none).</param>
internal sealed record DemoEdits(int HubSpotEdits, int DynamicsEdits, int ConflictingEdits, int HubSpotCreates, int DynamicsCreates);
