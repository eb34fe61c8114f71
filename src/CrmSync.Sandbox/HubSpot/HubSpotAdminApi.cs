using System.Globalization;
using CrmSync.Sandbox.Common;
using CrmSync.Sandbox.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>
/// /_admin routes for the demo and manual testing, mirroring <see cref="HubSpotEmulator"/>'s methods:
/// contacts (GET all or the first ?limit=N by id, GET one, POST create, PATCH edit, DELETE archive, POST restore), seed, limits, faults.
/// No auth, never limited or faulted.
/// </summary>
internal sealed class HubSpotAdminApi(HubSpotEmulator emulator)
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup(EmulatorHost.AdminPrefix);
        admin.MapGet("/contacts", (bool? includeArchived, int? limit) => Results.Json(emulator.GetAll(includeArchived ?? true, limit ?? int.MaxValue)));
        admin.MapGet("/contacts/{id:long}", (long id) => emulator.Get(id) is { } contact ? Results.Json(contact) : Results.NotFound());
        admin.MapPost("/contacts", (ContactChange change) => Guard(() => Results.Json(emulator.Create(change.Properties), statusCode: 201)));
        admin.MapPatch("/contacts/{id:long}", (long id, ContactChange change) => Guard(() => Results.Json(emulator.Update(id, change.Properties))));
        admin.MapDelete("/contacts/{id:long}", (long id) => Guard(() =>
        {
            emulator.Archive(id);
            return Results.NoContent();
        }));
        admin.MapPost("/contacts/{id:long}/restore", (long id) => Guard(() =>
        {
            emulator.Restore(id);
            return Results.NoContent();
        }));
        admin.MapPost("/seed", (SeedOptions options) => Guard(() =>
        {
            emulator.Seed(options.Count, options);
            return Results.Json(new { count = emulator.Count });
        }));
        admin.MapPut("/limits", (LimitsChange change) => Guard(() =>
        {
            emulator.Limits.Configure(change.TenSecondly, change.SearchPerSecond, change.Daily);
            emulator.Limits.Enabled = change.Enabled;
            return Results.NoContent();
        }));
        admin.MapPost("/faults", (FaultChange change) => Guard(() =>
        {
            emulator.Faults.FailNext(change.Count, change.Kind, change.PathContains);
            return Results.NoContent();
        }));
        admin.MapDelete("/faults", () =>
        {
            emulator.Faults.Reset();
            return Results.NoContent();
        });
    }

    private static IResult Guard(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(ex.Message, statusCode: 400);
        }
    }

    internal sealed record ContactChange(Dictionary<string, string?> Properties);

    internal sealed record LimitsChange(int TenSecondly, int SearchPerSecond, int Daily, bool Enabled = true);

    internal sealed record FaultChange(FaultKind Kind, int Count = 1, string? PathContains = null);
}
