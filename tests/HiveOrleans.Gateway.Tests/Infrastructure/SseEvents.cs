using System.Text.Json;

namespace HiveOrleans.Gateway.Tests.Infrastructure;

/// <summary>Reads a task's Server-Sent Events stream one event at a time.</summary>
public static class SseEvents
{
    /// <summary>The next event's name and JSON data; fails if none comes within <paramref name="wait"/> (default 30 s) or the stream ends.</summary>
    public static async Task<(string Name, JsonElement Data)> NextAsync(StreamReader reader, TimeSpan? wait = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? name = null;
        string? data = null;
        using var deadline = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(30));
        while (await reader.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.Length == 0 && data is not null)
            {
                using var json = JsonDocument.Parse(data);
                return (name ?? "message", json.RootElement.Clone());
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        throw new InvalidOperationException("The stream ended before the next event.");
    }
}
