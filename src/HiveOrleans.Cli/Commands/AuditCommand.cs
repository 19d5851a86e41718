using System.Text.Json;
using HiveOrleans.Cli.Http;
using HiveOrleans.Cli.Output;
using HiveOrleans.Cli.Parsing;

namespace HiveOrleans.Cli.Commands;

/// <summary><c>audit</c>: the review audit log of a task, a reviewer or a project, every page of it.</summary>
internal static class AuditCommand
{
    public static IEnumerable<CommandDefinition> All()
    {
        yield return new CommandDefinition(
            "audit",
            "Show the review audit log (claims, renewals, releases, expiries, decisions, escalations, time-outs) of a task, a reviewer or a project, oldest first.",
            [],
            [
                new("task", "TASK_ID", "one task's entries"),
                new("reviewer", "REVIEWER_ID", "one reviewer's entries"),
                new("project", "PROJECT_ID", "one project's entries"),
                new("since", "TIME", "entries at or after this ISO-8601 time, e.g. 2026-12-07T06:00:00Z"),
                new("limit", "N", "entries per request, 1 to 1000 (default 1000); every page is read"),
            ],
            Build,
            Render);
    }

    private static AuditPages Build(CommandArguments arguments)
    {
        var query = new List<(string Name, string Value)>();
        if (arguments.String("task") is { } task)
        {
            query.Add(("task_id", task));
        }

        if (arguments.WholeNumber("reviewer", minimum: 1) is { } reviewer)
        {
            query.Add(("reviewer_id", FormattableString.Invariant($"{reviewer}")));
        }

        if (arguments.WholeNumber("project", minimum: 1) is { } project)
        {
            query.Add(("project_id", FormattableString.Invariant($"{project}")));
        }

        if (query.Count == 0)
        {
            throw new UsageException("name what to show: --task TASK_ID, --reviewer REVIEWER_ID or --project PROJECT_ID");
        }

        if (arguments.String("since") is { } since)
        {
            query.Add(("since", since));
        }

        var limit = arguments.WholeNumber("limit", minimum: 1) ?? AuditPages.MaxPage;
        return limit <= AuditPages.MaxPage
            ? new AuditPages(query, (int)limit)
            : throw new UsageException($"--limit must be at most {AuditPages.MaxPage}, not '{limit}'");
    }

    private static void Render(JsonElement answer, TextWriter output)
    {
        if (!answer.TryField("entries", out var entries) || entries.ValueKind != JsonValueKind.Array || entries.GetArrayLength() == 0)
        {
            output.WriteLine("No audit entries match.");
            return;
        }

        var table = new TextTable("SEQ", "AT", "ACTION", "PROJECT", "TASK", "QUEUE", "REVIEWER", "LEASE", "DETAIL");
        foreach (var entry in entries.EnumerateArray())
        {
            table.Add(
                entry.Field("seq"), entry.Field("at"), entry.Field("action"), entry.Field("project_id"), entry.Field("task_id"),
                entry.Field("queue"), entry.Field("reviewer_id"), entry.Field("lease_token"), Detail(entry));
        }

        table.WriteTo(output);
    }

    /// <summary>A decision's detail on one line: <c>labels=bullying reason=intimidation</c>.</summary>
    private static string Detail(JsonElement entry)
    {
        if (!entry.TryField("detail", out var detail) || detail.ValueKind != JsonValueKind.Object)
        {
            return entry.TryField("detail", out var other) && other.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? JsonValues.Describe(other) : JsonValues.Missing;
        }

        return string.Join(' ', detail.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.Array
            ? $"{p.Name}={string.Join(',', p.Value.EnumerateArray().Select(JsonValues.Describe))}"
            : $"{p.Name}={JsonValues.Describe(p.Value)}"));
    }
}
