using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace HiveOrleans.Tests.Infrastructure;

/// <summary>
/// Waits for something else to make a condition true, by asking again a short pause apart. The timeout proves no
/// hang, not a speed; when it passes, the test fails naming what it waited for and the last answer it saw.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Long answers (a task document, a metrics scrape) are cut to this many characters in the failure.</summary>
    private const int MaxDescription = 2000;

    /// <summary>
    /// Asks <paramref name="probe"/> until <paramref name="done"/> holds of its answer, and returns that answer. Fails the
    /// test with <paramref name="what"/> (what was awaited, e.g. "task 42 to finish") and the last answer once
    /// <paramref name="timeout"/> has passed. <paramref name="interval"/> is the pause between asks (100 ms unless given).
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var answer = await probe();
            if (done(answer))
            {
                return answer;
            }

            if (clock.Elapsed >= timeout)
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"Waited {timeout.TotalSeconds:0.#} s for {what}; the last answer was: {Describe(answer)}"));
            }

            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    private static string Describe(object? answer)
    {
        var text = answer switch
        {
            null => "null",
            string s => s,
            JsonElement json => json.GetRawText(),
            IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Describe)) + "]",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => answer.ToString() ?? "",
        };
        return text.Length <= MaxDescription ? text : string.Concat(text.AsSpan(0, MaxDescription), "…");
    }
}
