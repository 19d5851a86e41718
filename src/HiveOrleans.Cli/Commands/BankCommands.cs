using System.Text.Json;
using System.Text.Json.Nodes;
using HiveOrleans.Cli.Http;
using HiveOrleans.Cli.Output;
using HiveOrleans.Cli.Parsing;

namespace HiveOrleans.Cli.Commands;

/// <summary><c>banks create | list | show | update | delete | add | remove | hashes</c>: the PDQ hash banks visual projects match against.</summary>
internal static class BankCommands
{
    private const string Banks = "admin/v1/banks";

    public static IEnumerable<CommandDefinition> All()
    {
        yield return new CommandDefinition(
            "banks create",
            "Create an empty hash bank.",
            ["NAME"],
            [new("description", "TEXT", "what the bank holds, e.g. where its hashes come from"), MatchTransformsOption("true")],
            arguments =>
            {
                var body = new JsonObject { ["name"] = arguments.Argument("NAME") };
                if (arguments.String("description") is { } description)
                {
                    body["description"] = description;
                }

                if (arguments.TrueOrFalse("match-transforms") is { } transforms)
                {
                    body["match_transforms"] = transforms;
                }

                return new ApiRequest(HttpMethod.Post, Banks, body);
            },
            (bank, output) =>
            {
                output.WriteLine($"Created bank {bank.Field("name")}.");
                output.WriteLine();
                BankView.Write(bank, output);
            });

        yield return new CommandDefinition(
            "banks list",
            "List every hash bank with its number of hashes.",
            [],
            [],
            _ => new ApiRequest(HttpMethod.Get, Banks),
            RenderList);

        yield return new CommandDefinition(
            "banks show",
            "Show one bank: its description, number of hashes and hashes per label.",
            ["NAME"],
            [],
            arguments => new ApiRequest(HttpMethod.Get, $"{Banks}/{arguments.BankName()}"),
            (bank, output) => BankView.Write(bank, output));

        yield return new CommandDefinition(
            "banks update",
            "Change a bank's description, or whether media turned or mirrored matches it too.",
            ["NAME"],
            [new("description", "TEXT", "what the bank holds"), MatchTransformsOption(null)],
            arguments =>
            {
                var body = new JsonObject();
                if (arguments.String("description") is { } description)
                {
                    body["description"] = description;
                }

                if (arguments.TrueOrFalse("match-transforms") is { } transforms)
                {
                    body["match_transforms"] = transforms;
                }

                return body.Count > 0
                    ? new ApiRequest(HttpMethod.Patch, $"{Banks}/{arguments.BankName()}", body)
                    : throw new UsageException("nothing to change: give --description, --match-transforms or both");
            },
            (answer, output) =>
            {
                var bank = answer.TryField("bank", out var updated) ? updated : answer;
                output.WriteLine($"Updated bank {bank.Field("name")}.");
                output.WriteLine();
                BankView.Write(bank, output);
            });

        yield return new CommandDefinition(
            "banks delete",
            "Delete a bank and every hash in it; media is no longer matched against it.",
            ["NAME"],
            [],
            arguments => new ApiRequest(HttpMethod.Delete, $"{Banks}/{arguments.BankName()}"),
            (answer, output) => output.WriteLine(answer.TryField("deleted", out var deleted) && deleted.ValueKind == JsonValueKind.True
                ? $"Deleted bank {answer.Field("name")}."
                : $"Bank {answer.Field("name")} was not deleted."));

        yield return new CommandDefinition(
            "banks add",
            "Add hashes to a bank from a file, or one from options; a content id already there takes the new hash and label.",
            ["NAME"],
            [
                new("file", "PATH", FormattableString.Invariant(
                    $"a CSV or TSV file of content_id,hash,label lines, header optional; sent {BankBatches.MaxBatch:N0} lines a request")),
                new("hash", "HEX", "one PDQ hash, 64 hex digits (with --content-id and --label, instead of --file)"),
                new("content-id", "ID", "your id for the hashed media, e.g. a report number"),
                new("label", "LABEL", "what the media is, e.g. csam, terror, ncii"),
            ],
            BuildAdd,
            (answer, output) => output.WriteLine(
                $"Bank {answer.Field("bank")}: {Hashes(answer, "added")} added, {answer.Field("replaced")} replaced, {answer.Field("unchanged")} unchanged."));

        yield return new CommandDefinition(
            "banks remove",
            "Remove hashes from a bank by their content ids.",
            ["NAME"],
            [
                new("content-id", "ID", "the content id of a hash to remove (repeat for more)", Repeatable: true),
                new("file", "PATH", FormattableString.Invariant(
                    $"a file of content ids, one a line, instead of --content-id; sent {BankBatches.MaxBatch:N0} lines a request")),
            ],
            BuildRemove,
            (answer, output) => output.WriteLine($"Bank {answer.Field("bank")}: {Hashes(answer, "removed")} removed."));

        yield return new CommandDefinition(
            "banks hashes",
            "List a page of a bank's hashes, in the order they were added.",
            ["NAME"],
            [
                new("offset", "N", "how many hashes to skip (0 if not given)"),
                new("limit", "N", "how many hashes to list (the API's default if not given)"),
            ],
            arguments =>
            {
                var path = $"{Banks}/{arguments.BankName()}/hashes";
                var query = new List<string>();
                if (arguments.WholeNumber("offset", minimum: 0) is { } offset)
                {
                    query.Add(FormattableString.Invariant($"offset={offset}"));
                }

                if (arguments.WholeNumber("limit", minimum: 1) is { } limit)
                {
                    query.Add(FormattableString.Invariant($"limit={limit}"));
                }

                return new ApiRequest(HttpMethod.Get, query.Count > 0 ? $"{path}?{string.Join('&', query)}" : path);
            },
            RenderHashes);
    }

    /// <summary>--match-transforms, with the default it has when not given (null: unchanged).</summary>
    private static OptionDefinition MatchTransformsOption(string? byDefault) => new(
        "match-transforms",
        "true|false",
        "whether a picture turned (90°, 180°, 270°) or mirrored matches its banked hash too"
            + (byDefault is null ? "" : $"; default {byDefault}"));

    private static BankBatches BuildAdd(CommandArguments arguments)
    {
        var bank = arguments.BankName();
        string[] one = ["hash", "content-id", "label"];
        if (arguments.String("file") is { } file)
        {
            return arguments.HasAny(one)
                ? throw new UsageException("give either --file or --hash with --content-id and --label, not both")
                : BankBatches.Add(bank, BankFile.ReadHashes(file), file);
        }

        if (!arguments.HasAny(one))
        {
            throw new UsageException("nothing to add; give --file PATH, or --hash, --content-id and --label for one hash");
        }

        if (one.FirstOrDefault(o => !arguments.Has(o)) is { } missing)
        {
            throw new UsageException($"one hash needs --hash, --content-id and --label; --{missing} is missing");
        }

        var hash = arguments.String("hash")!;
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
        {
            throw new UsageException($"--hash must be a PDQ hash of 64 hex digits, not '{hash}'");
        }

        var item = new JsonObject { ["content_id"] = arguments.String("content-id"), ["hash"] = hash, ["label"] = arguments.String("label") };
        return BankBatches.Add(bank, [new BankEntry(item)], source: null);
    }

    private static BankBatches BuildRemove(CommandArguments arguments)
    {
        var bank = arguments.BankName();
        if (arguments.String("file") is { } file)
        {
            return arguments.Has("content-id")
                ? throw new UsageException("give either --content-id or --file, not both")
                : BankBatches.Remove(bank, BankFile.ReadContentIds(file), file);
        }

        var contentIds = arguments.All("content-id");
        return contentIds.Count > 0
            ? BankBatches.Remove(bank, [.. contentIds.Select(id => new BankEntry(JsonValue.Create(id)))], source: null)
            : throw new UsageException("nothing to remove; give --content-id ID (repeat for more) or --file PATH");
    }

    private static void RenderList(JsonElement answer, TextWriter output)
    {
        var banks = answer.TryField("banks", out var list) ? list : answer;
        if (banks.ValueKind != JsonValueKind.Array || banks.GetArrayLength() == 0)
        {
            output.WriteLine("No banks yet; create one with 'hiveorleans banks create'.");
            return;
        }

        var table = new TextTable("NAME", "HASHES", "LABELS", "CREATED", "DESCRIPTION");
        foreach (var bank in banks.EnumerateArray())
        {
            table.Add(bank.Field("name"), bank.Field("hash_count"), bank.Labels(), bank.Field("created_on"), bank.Field("description"));
        }

        table.WriteTo(output);
    }

    private static void RenderHashes(JsonElement answer, TextWriter output)
    {
        var bank = answer.Field("bank");
        var offset = answer.Decimal("offset") ?? 0;
        var total = answer.Decimal("total");
        if (!answer.TryField("hashes", out var hashes) || hashes.ValueKind != JsonValueKind.Array || hashes.GetArrayLength() == 0)
        {
            output.WriteLine(total is 0
                ? $"Bank {bank} has no hashes; add some with 'hiveorleans banks add'."
                : $"No hashes at offset {JsonValues.Format(offset)}; bank {bank} has {answer.Field("total")}.");
            return;
        }

        var count = hashes.GetArrayLength();
        output.WriteLine($"Hashes {JsonValues.Format(offset + 1)}-{JsonValues.Format(offset + count)} of {answer.Field("total")} in bank {bank}:");
        output.WriteLine();
        var table = new TextTable("CONTENT ID", "LABEL", "HASH", "ADDED");
        foreach (var hash in hashes.EnumerateArray())
        {
            table.Add(hash.Field("content_id"), hash.Field("label"), hash.Field("hash"), hash.Field("added_on"));
        }

        table.WriteTo(output);
        if (total > offset + count)
        {
            output.WriteLine();
            output.WriteLine($"More: hiveorleans banks hashes {bank} --offset {JsonValues.Format(offset + count)} --limit {answer.Field("limit")}");
        }
    }

    /// <summary>A count with its noun, <c>1 hash</c> or <c>3 hashes</c>.</summary>
    private static string Hashes(JsonElement answer, string field) =>
        answer.Decimal(field) is 1 ? "1 hash" : $"{answer.Field(field)} hashes";
}
