using System.Text.RegularExpressions;

namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Finds e-mail addresses, card numbers (Luhn-checked), US social security numbers, IPv4 addresses and
/// phone numbers. Earlier kinds win overlaps, in that order; the regexes only run when the text has the
/// characters they need.
/// </summary>
internal static partial class PiiDetector
{
    public const string Email = "email";
    public const string Phone = "phone_number";
    public const string CreditCard = "credit_card";
    public const string IpAddress = "ip_address";
    public const string UsSsn = "us_ssn";

    public static IReadOnlyList<PiiEntity> Find(string text)
    {
        var digits = 0;
        var hasAt = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '@')
            {
                hasAt = true;
            }
        }

        if (!hasAt && digits < 4)
        {
            return [];
        }

        var found = new List<PiiEntity>();
        if (hasAt)
        {
            foreach (var match in EmailPattern().EnumerateMatches(text))
            {
                Add(found, text, match.Index, match.Length, Email);
            }
        }

        if (digits >= 13)
        {
            foreach (Match match in CardPattern().Matches(text))
            {
                FindCard(found, text, match);
            }
        }

        if (digits >= 9)
        {
            foreach (var match in SsnPattern().EnumerateMatches(text))
            {
                Add(found, text, match.Index, match.Length, UsSsn);
            }
        }

        foreach (var match in Ipv4Pattern().EnumerateMatches(text))
        {
            Add(found, text, match.Index, match.Length, IpAddress);
        }

        if (digits >= 7)
        {
            foreach (var match in PhonePattern().EnumerateMatches(text))
            {
                if (IsPhoneShape(text.AsSpan(match.Index, match.Length)))
                {
                    Add(found, text, match.Index, match.Length, Phone);
                }
            }
        }

        found.Sort(static (a, b) => a.StartIndex.CompareTo(b.StartIndex));
        return found;
    }

    /// <summary>The Luhn checksum every payment card number satisfies.</summary>
    public static bool PassesLuhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    private static void FindCard(List<PiiEntity> found, string text, Match match)
    {
        // The digit groups of the match; a longer run may hold a card followed by something else
        // ("4111 1111 1111 1111 2026"), so every prefix of whole groups is tried, longest first.
        var span = text.AsSpan(match.Index, match.Length);
        Span<Range> groups = stackalloc Range[24];
        var groupCount = 0;
        var groupStart = 0;
        for (var i = 1; i <= span.Length; i++)
        {
            if (i == span.Length || !char.IsAsciiDigit(span[i]))
            {
                groups[groupCount++] = new Range(groupStart, i);
                groupStart = i + 1;
            }
        }

        Span<char> digits = stackalloc char[24];
        Span<int> lengths = stackalloc int[24];
        for (var k = groupCount; k > 0; k--)
        {
            var count = 0;
            for (var g = 0; g < k; g++)
            {
                var group = span[groups[g]];
                lengths[g] = group.Length;
                group.CopyTo(digits[count..]);
                count += group.Length;
            }

            if (count is >= 13 and <= 19 && IsCardGrouping(lengths[..k]) && PassesLuhn(digits[..count]))
            {
                Add(found, text, match.Index, groups[k - 1].End.Value, CreditCard);
                return;
            }
        }
    }

    /// <summary>Unbroken, in fours (the last group shorter), or the 4-6-5 / 4-6-4 of Amex and Diners.</summary>
    private static bool IsCardGrouping(ReadOnlySpan<int> lengths)
    {
        if (lengths.Length == 1 || lengths.SequenceEqual([4, 6, 5]) || lengths.SequenceEqual([4, 6, 4]))
        {
            return true;
        }

        for (var i = 0; i < lengths.Length - 1; i++)
        {
            if (lengths[i] != 4)
            {
                return false;
            }
        }

        return lengths[^1] is >= 1 and <= 4;
    }

    private static bool IsPhoneShape(ReadOnlySpan<char> candidate)
    {
        Span<int> groups = stackalloc int[8];
        var groupCount = 0;
        var digits = 0;
        var inGroup = false;
        var hasPlus = false;
        var hasParen = false;
        char separator = '\0';
        var mixedSeparators = false;
        foreach (var c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
                if (!inGroup)
                {
                    if (groupCount == groups.Length)
                    {
                        return false;
                    }

                    groups[groupCount++] = 0;
                    inGroup = true;
                }

                groups[groupCount - 1]++;
                continue;
            }

            inGroup = false;
            switch (c)
            {
                case '+':
                    hasPlus = true;
                    break;
                case '(' or ')':
                    hasParen = true;
                    break;
                default:
                    mixedSeparators |= separator != '\0' && separator != c;
                    separator = c;
                    break;
            }
        }

        if (digits is < 7 or > 15)
        {
            return false;
        }

        if (hasPlus)
        {
            return digits >= 8 || groupCount >= 2;
        }

        var g = groups[..groupCount];
        if (hasParen)
        {
            return digits is >= 10 and <= 12;
        }

        if (groupCount == 1)
        {
            // Bare digit runs are phone numbers only in the ten-digit national shape (or 11 with a trunk or
            // country prefix); order numbers and timestamps starting with 1 are left alone.
            return (digits == 10 && candidate[0] is >= '2' and <= '9')
                || (digits == 11 && candidate[0] == '0');
        }

        if (separator == '.' && !(g.SequenceEqual([3, 3, 4]) || g.SequenceEqual([1, 3, 3, 4])))
        {
            return false;
        }

        if (mixedSeparators && separator == '.')
        {
            return false;
        }

        // North American: 555-123-4567, 1-800-555-0199, local 555-1234.
        if (g.SequenceEqual([3, 3, 4]) || g.SequenceEqual([1, 3, 3, 4]) || (g.SequenceEqual([3, 4]) && separator == '-'))
        {
            return true;
        }

        // Trunk-prefixed national numbers (020 7946 0958, 06 12 34 56 78): every group at least two digits.
        if (candidate[0] == '0' && digits is >= 9 and <= 12)
        {
            foreach (var length in g)
            {
                if (length < 2)
                {
                    return false;
                }
            }

            return true;
        }

        return false;
    }

    private static void Add(List<PiiEntity> found, string text, int start, int length, string type)
    {
        var end = start + length;
        foreach (var existing in found)
        {
            if (start < existing.EndIndex && existing.StartIndex < end)
            {
                return;
            }
        }

        found.Add(new PiiEntity(text.Substring(start, length), start, end, type));
    }

    [GeneratedRegex(@"(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\d-])\d(?:[ -]?\d){12,22}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"(?<![\d-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex SsnPattern();

    [GeneratedRegex(@"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\d|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,5}(?:[ .-]\d{1,5}){0,6}(?!\w)|(?<![\w+])\d{7,15}(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
