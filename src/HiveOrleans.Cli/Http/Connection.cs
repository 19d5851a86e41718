using HiveOrleans.Cli.Parsing;

namespace HiveOrleans.Cli.Http;

/// <summary>Where the operator API is and the token it wants: options first, then the environment.</summary>
internal sealed record Connection(Uri BaseUrl, string Token)
{
    public const string UrlVariable = "HIVEORLEANS_URL";
    public const string TokenVariable = "HIVEORLEANS_ADMIN_TOKEN";
    public const string DefaultUrl = "http://localhost:5080";

    public static Connection Resolve(IReadOnlyList<KeyValuePair<string, string>> options, IDictionary<string, string?> environment)
    {
        var url = Last(options, "url") ?? NonEmpty(environment, UrlVariable) ?? DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"'{url}' is not an http or https URL");
        }

        var token = Last(options, "token") ?? NonEmpty(environment, TokenVariable)
            ?? throw new UsageException($"no operator token: pass --token or set {TokenVariable} (embedded mode keeps it in data/admin-token)");

        // Relative paths resolve under the base only when it ends in '/', which keeps a reverse proxy's prefix.
        var path = baseUrl.AbsolutePath.EndsWith('/') ? baseUrl.AbsolutePath : baseUrl.AbsolutePath + "/";
        return new Connection(new UriBuilder(baseUrl) { Path = path, Query = string.Empty, Fragment = string.Empty }.Uri, token);
    }

    private static string? Last(IReadOnlyList<KeyValuePair<string, string>> options, string name) =>
        options.LastOrDefault(o => o.Key == name).Value is { Length: > 0 } value ? value : null;

    private static string? NonEmpty(IDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
