namespace HiveOrleans.Gateway.Review.Page;

/// <summary>
/// The reviewer's page at <see cref="Path"/>: static files (the HTML, a stylesheet and four script modules) embedded in the gateway and
/// served from this origin, so the page works under the gateway's policy as it is (no inline script or style, no CDN,
/// no build step). Everything it shows comes from the reviewer API (<c>/review/v1</c>); media is loaded by the browser
/// from <c>/review/v1/tasks/{id}/media</c>, also this origin, with the session cookie.
/// </summary>
internal static class ReviewPage
{
    public const string Path = "/review";

    private static readonly (string File, string ContentType)[] Assets =
    [
        ("review.css", "text/css; charset=utf-8"),
        ("review.js", "text/javascript; charset=utf-8"),
        ("review-core.js", "text/javascript; charset=utf-8"),
        ("review-task.js", "text/javascript; charset=utf-8"),
        ("review-settings.js", "text/javascript; charset=utf-8"),
    ];

    private static readonly byte[] Html = Read("index.html");

    public static IEndpointRouteBuilder MapReviewPage(this IEndpointRouteBuilder routes)
    {
        // Routing takes /review and /review/ alike; the page's relative links (review.css, review.js) resolve under
        // /review/ only, so the bare path is sent there.
        routes.MapGet(Path, (HttpContext context) =>
        {
            if (context.Request.Path.Value?.EndsWith('/') != true)
            {
                return Results.Redirect(Path + "/", permanent: true);
            }

            // A cached copy of the page could outlive an upgrade of the scripts it loads.
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(Html, "text/html; charset=utf-8");
        }).ExcludeFromDescription();
        foreach (var (file, contentType) in Assets)
        {
            var bytes = Read(file);
            routes.MapGet($"{Path}/{file}", (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-cache";
                return Results.Bytes(bytes, contentType);
            }).ExcludeFromDescription();
        }

        return routes;
    }

    private static byte[] Read(string file)
    {
        using var stream = typeof(ReviewPage).Assembly.GetManifestResourceStream("HiveOrleans.Gateway.Review.Page." + file)
            ?? throw new InvalidOperationException($"The reviewer page's {file} is not embedded in the gateway.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
