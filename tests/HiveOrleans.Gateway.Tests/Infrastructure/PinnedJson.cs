using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace HiveOrleans.Gateway.Tests.Infrastructure;

/// <summary>
/// Answers compared as the text that crossed the wire, to the byte: field names, their order, nulls and absent fields,
/// escaping, and how numbers and times are written. What differs from run to run is replaced by a placeholder first:
/// times in the wire format become <c>&lt;time&gt;</c>, GUIDs <c>&lt;guid&gt;</c>. A time written any other way is
/// left alone, so the comparison catches it.
/// </summary>
public static partial class PinnedJson
{
    /// <summary>Sends a request and returns its status, full content type and body text, nothing parsed.</summary>
    public static async Task<PinnedAnswer> SendRawAsync(this HttpClient client, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(client);
        using (request)
        {
            using var response = await client.SendAsync(request);
            return new PinnedAnswer(response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Calls the operator API with the operator token and returns the answer unparsed.</summary>
    public static Task<PinnedAnswer> AdminRawAsync(this HttpClient client, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayServer.OperatorToken);
        return client.SendRawAsync(request);
    }

    /// <summary>The text with wire-format times and GUIDs replaced, then each of <paramref name="known"/> values by its name.</summary>
    public static string Normalise(string json, params (string Value, string Placeholder)[] known)
    {
        ArgumentNullException.ThrowIfNull(json);
        var text = Guid().Replace(Time().Replace(json, "<time>"), "<guid>");
        foreach (var (value, placeholder) in known)
        {
            text = text.Replace(value, placeholder, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Asserts the answer has <paramref name="status"/>, is <c>application/json</c>, and reads exactly <paramref name="expected"/> once normalised.</summary>
    public static void AssertPinned(this PinnedAnswer answer, HttpStatusCode status, string expected, params (string Value, string Placeholder)[] known)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Assert.True(answer.Status == status, $"answered {(int)answer.Status}, not {(int)status}: {answer.Text}");
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal(expected, Normalise(answer.Text, known));
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")]
    private static partial Regex Time();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();
}

/// <summary>An answer as it crossed the wire.</summary>
public sealed record PinnedAnswer(HttpStatusCode Status, string? ContentType, string Text);
