using System.Globalization;
using System.Text.Json;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Reruns;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Wire;
using HiveOrleans.Wire.Reruns;

namespace HiveOrleans.Gateway.Admin;

/// <summary>
/// The operator API for reruns (issue 18): start one over a project's stored tasks, follow it, cancel it. It reads and
/// writes JSON shapes only; the merge of the settings to try and the work are the rerun grain's.
/// </summary>
internal static class RerunAdminApi
{
    /// <summary>The most tasks one rerun may be limited to (a number larger than any project holds is "all").</summary>
    private const long MaxLimit = 1_000_000_000;

    /// <summary>Maps the rerun endpoints on <paramref name="admin"/>, the operator API's group, so its token check applies.</summary>
    public static IEndpointRouteBuilder MapRerunAdminApi(this IEndpointRouteBuilder admin)
    {
        admin.MapPost("/projects/{id:long}/rerun", StartRerunAsync).WithName("StartRerun");
        admin.MapGet("/reruns/{id:guid}", GetRerunAsync).WithName("GetRerun");
        admin.MapPost("/reruns/{id:guid}/cancel", CancelRerunAsync).WithName("CancelRerun");
        admin.MapDelete("/reruns/{id:guid}", CancelRerunAsync).WithName("DeleteRerun");
        return admin;
    }

    private static async Task<IResult> StartRerunAsync(long id, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var root = await JsonFields.ReadRequestObjectAsync(context.Request, "rerun", context.RequestAborted);
        var spec = ReadSpec(id, root, time.GetUtcNow());
        var rerunId = Guid.CreateVersion7();
        var rerun = await grains.GetGrain<IRerunGrain>(RerunKeys.GrainKey(rerunId)).StartAsync(spec);
        return new WireJsonResult<RerunDocument>(StatusCodes.Status202Accepted, RerunDocument.From(rerun), WireJson.Context.RerunDocument);
    }

    private static async Task<IResult> GetRerunAsync(Guid id, IGrainFactory grains)
    {
        var rerun = await grains.GetGrain<IRerunGrain>(RerunKeys.GrainKey(id)).GetAsync() ?? throw NotFound();
        return WireJsonResult.Ok(RerunDocument.From(rerun), WireJson.Context.RerunDocument);
    }

    private static async Task<IResult> CancelRerunAsync(Guid id, IGrainFactory grains)
    {
        var rerun = await grains.GetGrain<IRerunGrain>(RerunKeys.GrainKey(id)).CancelAsync() ?? throw NotFound();
        return WireJsonResult.Ok(RerunDocument.From(rerun), WireJson.Context.RerunDocument);
    }

    private static ApiException NotFound() => new(StatusCodes.Status404NotFound, "Rerun not found.");

    private static RerunSpec ReadSpec(long projectId, JsonElement root, DateTimeOffset now)
    {
        var mode = JsonFields.String(root, "mode") switch
        {
            RerunModes.Shadow => RerunModes.Shadow,
            RerunModes.Apply => RerunModes.Apply,
            _ => throw ApiException.BadRequest("'mode' is required: \"shadow\" or \"apply\"."),
        };
        var since = Time(root, "since");
        var until = Time(root, "until");
        if (since is { } from && (until ?? now) <= from)
        {
            throw ApiException.BadRequest("'since' must be before 'until' (or before now when 'until' is not given).");
        }

        var callbacks = JsonFields.Boolean(root, "callbacks") ?? false;
        if (callbacks && mode != RerunModes.Apply)
        {
            throw ApiException.BadRequest("'callbacks' can only be true in apply mode: a shadow rerun changes nothing a caller sees.");
        }

        var config = JsonFields.Field(root, "config") switch
        {
            null => new ProjectSettings(),
            { ValueKind: JsonValueKind.Object } given => given.TryGetProperty("model_type", out _)
                ? throw ApiException.BadRequest("'config.model_type' cannot change in a rerun.")
                : ProjectSettingsReader.ReadSettings(given),
            _ => throw ApiException.BadRequest("'config' must be an object of project settings to try, as PATCH /admin/v1/projects/{id} takes."),
        };
        return new RerunSpec
        {
            ProjectId = projectId,
            Mode = mode,
            Since = since,
            Until = until,
            Limit = JsonFields.Int64(root, "limit", 1, MaxLimit),
            Callbacks = callbacks,
            Config = config,
        };
    }

    private static DateTimeOffset? Time(JsonElement root, string name)
    {
        if (JsonFields.String(root, name) is not { } text)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw ApiException.BadRequest($"'{name}' must be a time such as \"2025-01-31T12:00:00Z\".");
    }
}
