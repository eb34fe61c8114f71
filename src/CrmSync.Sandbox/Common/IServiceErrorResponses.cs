using Microsoft.AspNetCore.Http;

namespace CrmSync.Sandbox.Common;

/// <summary>How one emulated service words the failures the fault injector produces.</summary>
public interface IServiceErrorResponses
{
    Task WriteServerErrorAsync(HttpContext context);

    /// <summary>A 429 burst; <paramref name="retryAfter"/> is the wait the service would announce.</summary>
    Task WriteRateLimitedAsync(HttpContext context, TimeSpan retryAfter);
}
