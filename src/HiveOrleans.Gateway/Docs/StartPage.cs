using System.Text.Encodings.Web;
using HiveOrleans.Abstractions.Health;
using HiveOrleans.Gateway.Admin;

namespace HiveOrleans.Gateway.Docs;

/// <summary>
/// The page at <c>/</c>: what is running (version, mode, whether it is ready) and where to go next. It has no script
/// at all and loads nothing but its own stylesheet, so it works under the gateway's policy as it is. It shows nothing
/// an anonymous visitor should not know: no token, connection string, path or address.
/// </summary>
internal static class StartPage
{
    public const string StylePath = "/start.css";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private static readonly byte[] Style = ReadStyle();

    public static IEndpointRouteBuilder MapStartPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", RenderAsync).ExcludeFromDescription();
        routes.MapGet(StylePath, () => Results.Bytes(Style, "text/css; charset=utf-8")).ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> RenderAsync(HttpContext context, GatewayMode mode, OperatorToken token, IGrainFactory grains)
    {
        var ready = await IsReadyAsync(grains, context.RequestAborted);

        // The page says how things are now; a cached copy would say how they were.
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(Html(mode, ready, token.IsEnabled, $"{context.Request.Scheme}://{context.Request.Host}"), "text/html; charset=utf-8");
    }

    private static async Task<bool> IsReadyAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IStoreProbeGrain>(0).ProbeAsync().WaitAsync(ProbeTimeout, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string Html(GatewayMode mode, bool ready, bool operatorApi, string origin)
    {
        var e = HtmlEncoder.Default;
        var readiness = ready
            ? "<span class=\"ok\">Ready</span>: a silo answered and reached the store."
            : "<span class=\"bad\">Not ready</span>: no silo answered, or the store could not be reached. <a href=\"/readyz\">/readyz</a> says why.";
        var operatorState = operatorApi
            ? "Enabled: send the operator token as <code>authorization: Bearer &lt;token&gt;</code>."
            : "Disabled: set <code>HiveOrleans:AdminToken</code> to enable it.";
        var metrics = mode.Prometheus
            ? "<li><a href=\"/metrics\">/metrics</a>: Prometheus scrape endpoint.</li>"
            : "";
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>HiveOrleans</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="{{StylePath}}">
            </head>
            <body>
            <main>
            <h1>HiveOrleans</h1>
            <p class="lead">Self-hosted content moderation that speaks Hive's task API: a client written for Hive works here by changing only the host.</p>

            <section aria-labelledby="running">
            <h2 id="running">What is running</h2>
            <dl>
            <dt>Version</dt><dd id="version">{{e.Encode(ServiceVersion.Current)}}</dd>
            <dt>Mode</dt><dd id="mode">{{e.Encode(mode.Describe())}}</dd>
            <dt>Health</dt><dd id="health">{{readiness}}</dd>
            <dt>Operator API</dt><dd id="operator">{{operatorState}}</dd>
            </dl>
            </section>

            <section aria-labelledby="api">
            <h2 id="api">The API</h2>
            <ul>
            <li><a href="{{ApiReference.Path}}/">API reference</a>: every task and operator endpoint, its fields, answers, errors and examples; requests can be tried from the page.</li>
            <li><a href="/openapi/v1.json">OpenAPI document</a> (OpenAPI 3.1, JSON), for code generators and API tools.</li>
            </ul>
            <p>Submit text to a text project with one of its keys:</p>
            <pre><code>curl -X POST {{e.Encode(origin)}}/api/v2/task/sync \
              --header 'authorization: token &lt;API_KEY&gt;' \
              --form 'text_data=I will find you and kill you'</code></pre>
            </section>

            <section aria-labelledby="operate">
            <h2 id="operate">Operate</h2>
            <ul>
            <li><a href="{{DashboardApi.Path}}/">Orleans dashboard</a>: silos, grains and the live log. The browser asks for a password: the operator token (any user name).</li>
            <li><a href="/review/">Review</a>: the reviewers' page for manual-review projects; reviewers sign in with the token their operator gave them.</li>
            <li><a href="/healthz">/healthz</a>: the process is up.</li>
            <li><a href="/readyz">/readyz</a>: a silo answers and can round-trip the store; 503 otherwise.</li>
            {{metrics}}
            </ul>
            <p>In embedded mode without <code>HiveOrleans:AdminToken</code>, the operator token was made on first start and is in <code>admin-token</code> in the data directory. The <code>hiveorleans</code> command-line tool drives the whole operator API.</p>
            </section>

            <section aria-labelledby="docs">
            <h2 id="docs">Documentation</h2>
            <p>In the source tree, beside the README:</p>
            <ul>
            <li><code>docs/api.md</code>: the HTTP API as implemented, where it differs from Hive, and every limit.</li>
            <li><code>docs/operations.md</code>: modes, every setting and its default, metrics, Kubernetes.</li>
            <li><code>docs/callbacks.md</code>: callback delivery and signatures.</li>
            <li><code>docs/moderation.md</code>: the text engine and the visual (PDQ hash-bank) model.</li>
            <li><code>docs/architecture.md</code>: grains, storage and why.</li>
            </ul>
            </section>
            </main>
            </body>
            </html>
            """;
    }

    private static byte[] ReadStyle()
    {
        using var stream = typeof(StartPage).Assembly.GetManifestResourceStream("HiveOrleans.Gateway.Docs.start.css")
            ?? throw new InvalidOperationException("The start page's stylesheet is not embedded in the gateway.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
