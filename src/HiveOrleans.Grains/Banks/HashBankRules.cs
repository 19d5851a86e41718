using System.Text.RegularExpressions;
using HiveOrleans.Abstractions.Banks;
using HiveOrleans.Storage.Banks;

namespace HiveOrleans.Grains.Banks;

/// <summary>What valid bank names, descriptions, hashes, labels and content ids look like.</summary>
internal static partial class HashBankRules
{
    public const int MaxNameLength = 64;
    public const int MaxLabelLength = 64;

    public static bool IsBankName(string? name) => name is not null && BankNamePattern().IsMatch(name);

    public static bool IsLabel(string? label) => label is not null && LabelPattern().IsMatch(label);

    /// <summary>The bank name in a grain key, checked.</summary>
    public static string BankName(string grainKey)
    {
        var name = HashBankKeys.BankName(grainKey);
        return IsBankName(name)
            ? name
            : throw Invalid($"A bank name is 1–{MaxNameLength} of a–z, 0–9, '_' and '-', starting with a letter or digit; got '{name}'.");
    }

    public static string Description(string? description)
    {
        var trimmed = description?.Trim() ?? "";
        return trimmed.Length <= HashBankLimits.MaxDescriptionLength
            ? trimmed
            : throw Invalid($"'description' is at most {HashBankLimits.MaxDescriptionLength} characters.");
    }

    /// <summary>The batch checked and with hashes in lowercase, or the first broken rule (naming its position).</summary>
    public static HashBankEntry[] Hashes(IReadOnlyList<BankHash>? hashes)
    {
        RequireBatch(hashes?.Count ?? 0, "hashes");
        var entries = new HashBankEntry[hashes!.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            var hash = hashes[i] ?? throw Invalid($"hashes[{i}] is missing.");
            RequireContentId(hash.ContentId, $"hashes[{i}].content_id");
            if (!seen.Add(hash.ContentId))
            {
                throw Invalid($"hashes[{i}].content_id '{hash.ContentId}' appears twice in the batch; send each content id once.");
            }

            if (hash.Hash is not { Length: 64 } hex || !hex.All(char.IsAsciiHexDigit))
            {
                throw Invalid($"hashes[{i}].hash must be a PDQ hash: 64 hex digits.");
            }

            if (!IsLabel(hash.Label))
            {
                throw Invalid($"hashes[{i}].label must be 1–{MaxLabelLength} of a–z, 0–9 and '_' (e.g. csam, terror, ncii, spam_image).");
            }

            entries[i] = new HashBankEntry(hash.ContentId, hex.ToLowerInvariant(), hash.Label);
        }

        return entries;
    }

    public static IReadOnlyList<string> ContentIds(IReadOnlyList<string>? contentIds)
    {
        RequireBatch(contentIds?.Count ?? 0, "content_ids");
        for (var i = 0; i < contentIds!.Count; i++)
        {
            RequireContentId(contentIds[i], $"content_ids[{i}]");
        }

        return contentIds;
    }

    public static void Page(int offset, int limit)
    {
        if (offset < 0)
        {
            throw Invalid("'offset' must be 0 or more.");
        }

        if (limit is < 1 or > HashBankLimits.MaxPage)
        {
            throw Invalid($"'limit' must be from 1 to {HashBankLimits.MaxPage}.");
        }
    }

    public static HashBankRequestException Invalid(string message) => new(message, HashBankError.Invalid);

    private static void RequireBatch(int count, string field)
    {
        if (count is < 1 or > HashBankLimits.MaxBatch)
        {
            throw Invalid($"'{field}' must hold 1 to {HashBankLimits.MaxBatch:N0} entries; got {count:N0}.");
        }
    }

    // Control characters and broken surrogate pairs cannot be stored as text (PostgreSQL refuses NUL, and a lone
    // surrogate has no UTF-8 form), so they are the caller's error here rather than a store failure later.
    private static void RequireContentId(string? contentId, string field)
    {
        if (contentId is not { Length: >= 1 and <= HashBankLimits.MaxContentIdLength } || !IsStorableText(contentId))
        {
            throw Invalid($"{field} must be 1–{HashBankLimits.MaxContentIdLength} characters, without control characters.");
        }
    }

    private static bool IsStorableText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    // \z, not $: $ would also accept a trailing newline.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex BankNamePattern();

    [GeneratedRegex(@"^[a-z0-9_]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();
}
