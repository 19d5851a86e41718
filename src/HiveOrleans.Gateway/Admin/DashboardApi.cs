using System.Buffers.Text;
using System.Text;
using HiveOrleans.Gateway.Wire;
using Orleans.Dashboard;

namespace HiveOrleans.Gateway.Admin;

/// <summary>
/// Orleans' dashboard under <c>/admin/dashboard/</c>, behind the operator token: the dashboard has no authentication
/// of its own and shows every silo, grain type and the live log. Scripts send <c>authorization: Bearer TOKEN</c> as
/// for <c>/admin/v1</c>. A browser cannot add that header, so a request without credentials is answered with a Basic
/// challenge as well as the usual 401 JSON: the browser asks for a user name (ignored) and password (the token) and
/// sends them with every later request, the dashboard's own XHRs included. So the token never travels in a URL, where
/// proxies, request logs and the browser's history would keep it.
/// </summary>
internal static class DashboardApi
{
    public const string Path = "/admin/dashboard";

    private const string Challenge = "Basic realm=\"HiveOrleans dashboard\", charset=\"UTF-8\"";

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder routes)
    {
        // Group conventions apply to every endpoint the dashboard mapped into the group, whenever they were added.
        routes.MapOrleansDashboard(Path)
            .ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
            {
                Demand(context.HttpContext.Request, context.HttpContext.RequestServices.GetRequiredService<OperatorToken>());
                return await next(context);
            });
        return routes;
    }

    private static void Demand(HttpRequest request, OperatorToken token)
    {
        token.DemandEnabled();
        var header = request.Headers.Authorization.ToString().AsSpan().Trim();
        const string basic = "Basic ";
        if (header.IsEmpty)
        {
            throw new ApiException(
                StatusCodes.Status401Unauthorized,
                "Operator token required: 'authorization: Bearer <token>', or in a browser the token as the password it asks for.")
            {
                Challenge = Challenge,
            };
        }

        if (!header.StartsWith(basic, StringComparison.OrdinalIgnoreCase))
        {
            token.Demand(request);
            return;
        }

        // A wrong password is a 401 with the challenge again, so the browser asks once more instead of showing an error.
        if (!token.Matches(BasicPassword(header[basic.Length..].Trim())))
        {
            throw new ApiException(StatusCodes.Status401Unauthorized, "Invalid operator token.") { Challenge = Challenge };
        }
    }

    /// <summary>The password of Basic credentials (<c>base64(user:password)</c>); empty when they cannot be read.</summary>
    private static string BasicPassword(ReadOnlySpan<char> encoded)
    {
        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(encoded.Length)];
        if (!Convert.TryFromBase64Chars(encoded, bytes, out var written))
        {
            return "";
        }

        var credentials = Encoding.UTF8.GetString(bytes, 0, written);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? "" : credentials[(colon + 1)..];
    }
}
