using System.Globalization;

namespace HiveOrleans.Wire.Rules;

/// <summary>
/// Durations as operators write them: a whole number and one unit, <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c>
/// (<c>"90s"</c>, <c>"30m"</c>, <c>"24h"</c>, <c>"7d"</c>). Written back in the largest unit that holds the duration
/// whole, so <c>"24h"</c> reads back as <c>"1d"</c> and <c>"90m"</c> stays <c>"90m"</c>.
/// </summary>
public static class DurationText
{
    /// <summary>Eighteen digits always fit a long; a longer number is refused as it stands.</summary>
    private const int MaxDigits = 18;

    private static readonly (char Unit, TimeSpan Size)[] Units =
        [('d', TimeSpan.FromDays(1)), ('h', TimeSpan.FromHours(1)), ('m', TimeSpan.FromMinutes(1)), ('s', TimeSpan.FromSeconds(1))];

    /// <summary>The duration <paramref name="text"/> names, or false when it is not a whole number and a unit.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (text is null || text.Length is < 2 or > MaxDigits + 1)
        {
            return false;
        }

        var digits = text.AsSpan(0, text.Length - 1);
        if (!digits.ContainsAnyExceptInRange('0', '9')
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && Array.FindIndex(Units, u => u.Unit == text[^1]) is var index and >= 0)
        {
            // Days past what a TimeSpan holds are still a duration, just longer than any limit: never an overflow.
            var size = Units[index].Size;
            duration = count > TimeSpan.MaxValue.Ticks / size.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks(size.Ticks * count);
            return true;
        }

        return false;
    }

    /// <summary><paramref name="duration"/> in the largest unit that holds it whole (whole seconds assumed).</summary>
    public static string Format(TimeSpan duration)
    {
        foreach (var (unit, size) in Units)
        {
            if (duration.Ticks % size.Ticks == 0)
            {
                return (duration.Ticks / size.Ticks).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return ((long)Math.Round(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
    }
}
