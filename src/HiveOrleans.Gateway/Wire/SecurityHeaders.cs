using System.Buffers.Text;
using System.Security.Cryptography;

namespace HiveOrleans.Gateway.Wire;

/// <summary>
/// Headers on every answer that keep a browser from misreading or embedding it: no content sniffing, no referrer, no
/// framing. An HTML page (the start page, the API reference, the Orleans dashboard) also gets a content security
/// policy that allows scripts, styles, images and requests from this origin only, and no inline script but the one a
/// page was handed a nonce for (<see cref="ScriptNonce"/>).
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The policy for HTML pages. Inline styles stay allowed: the dashboard's page sets style attributes.</summary>
    public const string HtmlPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string NonceKey = "HiveOrleans.ScriptNonce";

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
                    headers.ContentSecurityPolicy = context.Items[NonceKey] is string nonce ? PolicyWithNonce(nonce) : HtmlPolicy;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>
    /// A nonce for the one page whose library writes an inline script (Scalar's API reference starts itself with one):
    /// the policy of this response then also allows scripts that carry it. The nonce is fresh for each response, so
    /// script injected into the page cannot know it and is still refused.
    /// </summary>
    public static string ScriptNonce(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[NonceKey] is not string nonce)
        {
            // base64url: nothing in it that HTML would escape in the attribute, and CSP takes it as it is.
            nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
            context.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    internal static string PolicyWithNonce(string nonce) =>
        HtmlPolicy.Replace("script-src 'self';", $"script-src 'self' 'nonce-{nonce}';", StringComparison.Ordinal);
}
