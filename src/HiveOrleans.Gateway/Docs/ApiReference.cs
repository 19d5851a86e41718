using HiveOrleans.Gateway.Wire;
using Scalar.AspNetCore;

namespace HiveOrleans.Gateway.Docs;

/// <summary>
/// The API reference: Scalar's viewer over <c>/openapi/v1.json</c>, its script served by the gateway from the
/// Scalar.AspNetCore package (no CDN). Everything the viewer would fetch from elsewhere is turned off: the default
/// fonts (Scalar's CDN), telemetry, the AI agent, MCP, and the developer toolbar (shown on localhost; its Share and
/// Generate SDK send the document to Scalar's servers). Its page starts the viewer with one inline script, which the
/// policy allows by a nonce made for that response only (<see cref="SecurityHeaders.ScriptNonce"/>).
/// </summary>
internal static class ApiReference
{
    public const string Path = "/docs/api";

    /// <summary>Runs before the viewer's bundle; from this origin, so the policy needs nothing more for it.</summary>
    public const string SetupPath = "/docs/api-setup.js";

    /// <summary>
    /// The bundle carries zod, which probes once whether it may compile code (<c>Function("")</c>). The policy has no
    /// 'unsafe-eval', so the probe is refused, reported as a policy violation, and zod falls back to not compiling.
    /// Saying so up front (zod's own <c>jitless</c> setting) skips the probe: the page then breaks no rule at all, and
    /// any violation the browser reports is a real one.
    /// </summary>
    private const string Setup =
        "globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig ?? {}, { jitless: true });\n";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(SetupPath, () => Results.Text(Setup, "text/javascript; charset=utf-8")).ExcludeFromDescription();
        routes.MapScalarApiReference(Path, (options, context) => options
            .WithTitle("HiveOrleans API reference")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddHeadContent($"<script src=\"{SetupPath}\"></script>")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .WithNonce(SecurityHeaders.ScriptNonce(context)));
        return routes;
    }
}
