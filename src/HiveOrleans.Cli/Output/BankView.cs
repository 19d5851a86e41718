using System.Text.Json;

namespace HiveOrleans.Cli.Output;

/// <summary>A hash bank as a person reads it: its name, size and labels, then any fields the API adds.</summary>
internal static class BankView
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "name", "description", "match_transforms", "hash_count", "labels", "created_on" };

    public static void Write(JsonElement bank, TextWriter output)
    {
        var list = new KeyValueList();
        Add(list, bank, "name", "name");
        Add(list, bank, "description", "description");
        if (bank.TryField("match_transforms", out var transforms))
        {
            list.Add("matches turned/mirrored", transforms.ValueKind switch
            {
                JsonValueKind.True => "yes",
                JsonValueKind.False => "no (only as banked)",
                _ => JsonValues.Describe(transforms),
            });
        }
        Add(list, bank, "hash_count", "hashes");
        if (bank.TryField("labels", out _))
        {
            list.Add("labels", bank.Labels());
        }

        Add(list, bank, "created_on", "created");
        if (bank.ValueKind == JsonValueKind.Object)
        {
            foreach (var extra in bank.EnumerateObject().Where(p => !Known.Contains(p.Name)))
            {
                list.Add(extra.Name.Replace('_', ' '), JsonValues.Describe(extra.Value));
            }
        }

        list.WriteTo(output);
    }

    /// <summary><c>csam=2, ncii=1</c>: how many hashes carry each label, or <c>none</c> for an empty bank.</summary>
    public static string Labels(this JsonElement bank)
    {
        if (!bank.TryField("labels", out var labels))
        {
            return JsonValues.Missing;
        }

        if (labels.ValueKind != JsonValueKind.Object)
        {
            return JsonValues.Describe(labels);
        }

        var counts = labels.EnumerateObject().Select(p => $"{p.Name}={JsonValues.Describe(p.Value)}").ToList();
        return counts.Count > 0 ? string.Join(", ", counts) : "none";
    }

    private static void Add(KeyValueList list, JsonElement bank, string field, string label)
    {
        if (bank.TryField(field, out var value))
        {
            list.Add(label, JsonValues.Describe(value));
        }
    }
}
