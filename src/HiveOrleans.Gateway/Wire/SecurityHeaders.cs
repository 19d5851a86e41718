namespace HiveOrleans.Gateway.Wire;

/// <summary>
/// Headers on every answer that keep a browser from misreading or embedding it: no content sniffing, no referrer, no
/// framing. An HTML page (the Orleans dashboard is the only one) also gets a content security policy that allows
/// scripts, styles, images and requests from this origin only, and no inline script.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The policy for HTML pages. Inline styles stay allowed: the dashboard's page sets style attributes.</summary>
    public const string HtmlPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    headers.ContentSecurityPolicy = HtmlPolicy;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
