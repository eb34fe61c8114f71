using System.Text.Json;
using CrmSync.Sandbox.Common;
using CrmSync.Sandbox.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// HTTP admin API of the Dynamics emulator (never faulted, limited or captured), for the demo and
/// for tools outside the test process:
///   GET    /_admin/dynamics/contacts           full state (?limit=N: the first N, in modifiedon order)
///   GET    /_admin/dynamics/contacts/{id}
///   POST   /_admin/dynamics/contacts           create as a user (JSON attributes)
///   PATCH  /_admin/dynamics/contacts/{id}      edit as a user
///   DELETE /_admin/dynamics/contacts/{id}
///   POST   /_admin/dynamics/seed?count=N&amp;seed=S
///   POST   /_admin/dynamics/delta-tokens/expire
///   POST   /_admin/dynamics/access-tokens/revoke
/// Validation failures answer 400/404 with the Dataverse error body.
/// </summary>
internal static class DynamicsAdminApi
{
    private const string Prefix = EmulatorHost.AdminPrefix + "/dynamics";

    public static void Map(IEndpointRouteBuilder routes, DynamicsEmulator emulator)
    {
        routes.MapGet(Prefix + "/contacts", (int? limit) => Results.Json(emulator.GetAll(limit ?? int.MaxValue).Select(ToJson)));
        routes.MapGet(Prefix + "/contacts/{id:guid}", (Guid id) =>
            emulator.Get(id) is { } row ? Results.Json(ToJson(row)) : Results.NotFound());
        routes.MapPost(Prefix + "/contacts", (Delegate)((HttpContext context) => Write(context, attributes => emulator.Create(attributes))));
        routes.MapMethods(Prefix + "/contacts/{id:guid}", ["PATCH"], (Delegate)((Guid id, HttpContext context) => Write(context, changes => emulator.Update(id, changes))));
        routes.MapDelete(Prefix + "/contacts/{id:guid}", (Guid id) => Guarded(() =>
        {
            emulator.Delete(id);
            return Results.NoContent();
        }));
        routes.MapPost(Prefix + "/seed", (int count, int? seed) =>
            Results.Json(new { seeded = emulator.Seed(count, new SeedOptions { Seed = seed ?? 42 }).Count }));
        routes.MapPost(Prefix + "/delta-tokens/expire", () =>
        {
            emulator.ExpireDeltaTokens();
            return Results.NoContent();
        });
        routes.MapPost(Prefix + "/access-tokens/revoke", () =>
        {
            emulator.RevokeAccessTokens();
            return Results.NoContent();
        });
    }

    private static async Task<IResult> Write(HttpContext context, Func<IReadOnlyDictionary<string, object?>, DynamicsContact> write)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        var attributes = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Name, p.Value));
        return Guarded(() => Results.Json(ToJson(write(attributes))));
    }

    private static IResult Guarded(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (DynamicsServiceException error)
        {
            return Results.Json(new { error = new { code = error.Code, message = error.Message } }, statusCode: error.Status);
        }
    }

    private static object? ToValue(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
        JsonValueKind.Number => value.GetInt32(),
        JsonValueKind.String when name == DynamicsContactSchema.ParentCustomerValue && Guid.TryParse(value.GetString(), out var id) => id,
        _ => value.GetString(),
    };

    private static Dictionary<string, object?> ToJson(DynamicsContact row)
    {
        var json = new Dictionary<string, object?>(row.Attributes)
        {
            ["contactid"] = row.ContactId,
            ["createdon"] = row.CreatedOn,
            ["modifiedon"] = row.ModifiedOn,
            ["versionnumber"] = row.VersionNumber,
        };
        return json;
    }
}
