using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HiveOrleans.Cli.Http;
using HiveOrleans.Cli.Output;

namespace HiveOrleans.Cli.Commands;

/// <summary>
/// Hashes added to a bank, or content ids removed from it: one request per <see cref="MaxBatch"/> entries, sent in
/// order, and their answers folded into one of the same shape with the counts added up. A refused request names the
/// file line it is about, and says how far the earlier requests got: nothing undoes them, but sending them again
/// changes nothing.
/// </summary>
internal sealed partial class BankBatches : IApiCall
{
    /// <summary>The most entries one request takes (the API's <c>HashBankLimits.MaxBatch</c>).</summary>
    public const int MaxBatch = 10_000;

    private readonly string _path;
    private readonly string _field;
    private readonly IReadOnlyList<BankEntry> _entries;
    private readonly string? _source;
    private readonly string _noun;
    private readonly string _done;
    private readonly string _again;
    private readonly string[] _counts;

    private BankBatches(string path, string field, IReadOnlyList<BankEntry> entries, string? source, string noun, string done, string again, string[] counts)
    {
        _path = path;
        _field = field;
        _entries = entries;
        _source = source;
        _noun = noun;
        _done = done;
        _again = again;
        _counts = counts;
    }

    /// <param name="bank">The bank's name, escaped for the path.</param>
    /// <param name="hashes">At least one.</param>
    /// <param name="source">The file the hashes came from, named in errors; <c>null</c> for the command line.</param>
    public static BankBatches Add(string bank, IReadOnlyList<BankEntry> hashes, string? source) =>
        new($"admin/v1/banks/{bank}/hashes", "hashes", hashes, source, "hashes", "added", "adding", ["added", "replaced", "unchanged"]);

    /// <inheritdoc cref="Add"/>
    public static BankBatches Remove(string bank, IReadOnlyList<BankEntry> contentIds, string? source) =>
        new($"admin/v1/banks/{bank}/hashes/remove", "content_ids", contentIds, source, "content ids", "removed", "removing", ["removed"]);

    public async Task<JsonElement> SendAsync(OperatorApiClient client, CancellationToken cancellationToken)
    {
        var answers = new List<JsonElement>();
        for (var start = 0; start < _entries.Count; start += MaxBatch)
        {
            var batch = new JsonArray();
            for (var i = start; i < Math.Min(start + MaxBatch, _entries.Count); i++)
            {
                batch.Add(_entries[i].Item.DeepClone());
            }

            try
            {
                answers.Add(await client.SendAsync(new ApiRequest(HttpMethod.Post, _path, new JsonObject { [_field] = batch }), cancellationToken));
            }
            catch (ApiCallException refused)
            {
                throw new ApiCallException(Explain(refused.Message, start));
            }
        }

        return answers.Count > 1 ? Fold(answers) : answers.SingleOrDefault();
    }

    /// <summary>The API names an entry by its place in the request (<c>hashes[3].label ...</c>); a person wants the line.</summary>
    private string Explain(string message, int batchStart)
    {
        var entry = EntryIndex().Match(message);
        if (_source is not null
            && entry.Success
            && entry.Groups["field"].Value == _field
            && int.TryParse(entry.Groups["index"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && batchStart + index < _entries.Count
            && _entries[batchStart + index].Line is { } line)
        {
            message = string.Create(CultureInfo.InvariantCulture, $"{_source} line {line}: {message}");
        }

        if (batchStart == 0)
        {
            return message;
        }

        var before = _source is not null && _entries[batchStart - 1].Line is { } last
            ? string.Create(CultureInfo.InvariantCulture, $"Lines up to {last} ({batchStart} {_noun}) were {_done} already")
            : string.Create(CultureInfo.InvariantCulture, $"The first {batchStart} {_noun} were {_done} already");
        return $"{message.TrimEnd('.')}. {before}; {_again} them again changes nothing.";
    }

    private JsonElement Fold(List<JsonElement> answers)
    {
        if (answers[^1].ValueKind != JsonValueKind.Object)
        {
            return answers[^1];
        }

        var folded = JsonNode.Parse(answers[^1].GetRawText())!.AsObject();
        foreach (var count in _counts.Where(c => answers.All(a => a.Decimal(c) is not null)))
        {
            folded[count] = answers.Sum(a => a.Decimal(count)!.Value);
        }

        using var document = JsonDocument.Parse(folded.ToJsonString());
        return document.RootElement.Clone();
    }

    [GeneratedRegex(@"^(?<field>[a-z_]+)\[(?<index>[0-9]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex EntryIndex();
}
