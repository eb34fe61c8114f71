using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmSync.Sandbox.Common;

/// <summary>
/// Runs an emulator's minimal-API routes on Kestrel bound to 127.0.0.1 (port 0 = a free port),
/// with request capture and fault injection in front of every non-admin route.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    /// <summary>Routes under this prefix are the emulator's admin API: never faulted, limited or captured.</summary>
    public const string AdminPrefix = "/_admin";

    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>e.g. http://127.0.0.1:54321/</summary>
    public Uri BaseUri { get; }

    public static async Task<EmulatorHost> StartAsync(
        int port,
        RequestCapture capture,
        FaultInjector faults,
        IServiceErrorResponses errors,
        Action<IEndpointRouteBuilder> mapRoutes,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(mapRoutes);

        // No config file reloading: it watches the working folder recursively (the user's repo or lake) for nothing.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(AdminPrefix, StringComparison.OrdinalIgnoreCase))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            if (capture.Enabled)
            {
                await capture.RecordAsync(context).ConfigureAwait(false);
            }

            if (!await faults.ApplyAsync(context, errors).ConfigureAwait(false))
            {
                await next(context).ConfigureAwait(false);
            }
        });
        mapRoutes(app);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
