using System.Text.Json;
using HiveOrleans.Cli.Http;
using HiveOrleans.Cli.Output;
using HiveOrleans.Cli.Parsing;

namespace HiveOrleans.Cli.Commands;

/// <summary><c>usage</c>: tasks, charge and rejections per UTC day.</summary>
internal static class UsageCommand
{
    public static IEnumerable<CommandDefinition> All()
    {
        yield return new CommandDefinition(
            "usage",
            "Show a project's tasks, charge and rejected requests per UTC day.",
            ["PROJECT_ID"],
            [new("days", "N", "how many days back, today included (the API's default if not given)")],
            arguments =>
            {
                var path = $"admin/v1/projects/{arguments.ProjectId()}/usage";
                return arguments.WholeNumber("days", minimum: 1) is { } days
                    ? new ApiRequest(HttpMethod.Get, FormattableString.Invariant($"{path}?days={days}"))
                    : new ApiRequest(HttpMethod.Get, path);
            },
            Render);
    }

    private static void Render(JsonElement answer, TextWriter output)
    {
        if (!answer.TryField("days", out var days) || days.ValueKind != JsonValueKind.Array || days.GetArrayLength() == 0)
        {
            output.WriteLine($"No usage recorded for project {answer.Field("project_id")}.");
            return;
        }

        output.WriteLine($"Usage of project {answer.Field("project_id")}, per UTC day:");
        output.WriteLine();
        var table = new TextTable("DATE", "TASKS", "CHARGE", "REJECTED");
        decimal tasks = 0, charge = 0, rejected = 0;
        foreach (var day in days.EnumerateArray())
        {
            table.Add(day.Field("date"), day.Field("tasks"), day.Field("charge"), day.Field("rejected"));
            tasks += day.Decimal("tasks") ?? 0;
            charge += day.Decimal("charge") ?? 0;
            rejected += day.Decimal("rejected") ?? 0;
        }

        table.Add("total", JsonValues.Format(tasks), JsonValues.Format(charge), JsonValues.Format(rejected));
        table.WriteTo(output);
    }
}
