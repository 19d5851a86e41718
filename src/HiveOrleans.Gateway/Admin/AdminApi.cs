using HiveOrleans.Abstractions.Callbacks;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Quotas;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Gateway.Api;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Wire;
using HiveOrleans.Wire.Callbacks;
using HiveOrleans.Wire.Projects;
using HiveOrleans.Wire.Quotas;

namespace HiveOrleans.Gateway.Admin;

/// <summary>The operator API (ours, not Hive's), behind the operator token.</summary>
internal static class AdminApi
{
    /// <summary>How long callbacks carry signatures for both the old and the new webhook secret after a rotation.</summary>
    public static readonly TimeSpan WebhookSecretOverlap = TimeSpan.FromHours(24);

    private const int DefaultUsageDays = 30;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin/v1").WithTags("Admin")
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<OperatorToken>().Demand(context.HttpContext.Request);
                return await next(context);
            });
        admin.MapPost("/projects", CreateProjectAsync).WithName("CreateProject");
        admin.MapGet("/projects", ListProjectsAsync).WithName("ListProjects");
        admin.MapGet("/projects/{id:long}", GetProjectAsync).WithName("GetProject");
        admin.MapPatch("/projects/{id:long}", UpdateProjectAsync).WithName("UpdateProject");
        admin.MapPost("/projects/{id:long}/disable", (long id, IGrainFactory grains) => SetDisabledAsync(id, true, grains)).WithName("DisableProject");
        admin.MapPost("/projects/{id:long}/enable", (long id, IGrainFactory grains) => SetDisabledAsync(id, false, grains)).WithName("EnableProject");
        admin.MapPost("/projects/{id:long}/keys/{slot:int}/rotate", RotateKeyAsync).WithName("RotateKey");
        admin.MapDelete("/projects/{id:long}/keys/{slot:int}", RevokeKeyAsync).WithName("RevokeKey");
        admin.MapPost("/projects/{id:long}/webhook-secret/rotate", RotateWebhookSecretAsync).WithName("RotateWebhookSecret");
        admin.MapGet("/projects/{id:long}/usage", GetUsageAsync).WithName("GetUsage");
        admin.MapGet("/projects/{id:long}/failing-callbacks", ListFailingCallbacksAsync).WithName("ListFailingCallbacks");
        admin.MapPost("/tasks/{id:guid}/resend", ResendAsync).WithName("ResendCallbackManually");
        admin.MapBankAdminApi();
        admin.MapModelAdminApi();
        admin.MapReviewerAdminApi();
        admin.MapAuditAdminApi();
        admin.MapRerunAdminApi();
        return routes;
    }

    private static async Task<IResult> CreateProjectAsync(HttpContext context, IGrainFactory grains)
    {
        var root = await ProjectSettingsReader.ReadObjectAsync(context.Request, context.RequestAborted);
        var spec = new ProjectSpec { ModelType = ProjectSettingsReader.ReadModelType(root), Settings = ProjectSettingsReader.ReadSettings(root) };
        if (spec.Settings.Name is null)
        {
            throw ApiException.BadRequest("'name' is required and at most 200 characters.");
        }

        var projectId = await grains.GetGrain<IProjectDirectoryGrain>(IProjectDirectoryGrain.Key).AllocateProjectIdAsync();
        var created = await Project(grains, projectId).CreateAsync(spec);
        context.Response.Headers.Location = $"/admin/v1/projects/{projectId}";
        return WireJsonResult.Created(ProjectDocument.From(created), WireJson.Context.ProjectDocument);
    }

    private static async Task<IResult> ListProjectsAsync(IGrainFactory grains)
    {
        var last = await grains.GetGrain<IProjectDirectoryGrain>(IProjectDirectoryGrain.Key).GetLastProjectIdAsync();
        var projects = await Task.WhenAll(Enumerable.Range(1, (int)last).Select(id => Project(grains, id).GetDetailsAsync()));
        return WireJsonResult.Ok(ProjectListDocument.From(projects.OfType<ProjectDetails>()), WireJson.Context.ProjectListDocument);
    }

    private static async Task<IResult> GetProjectAsync(long id, IGrainFactory grains) =>
        ProjectResult(await Project(grains, id).GetDetailsAsync() ?? throw ProjectNotFound());

    private static async Task<IResult> UpdateProjectAsync(long id, HttpContext context, IGrainFactory grains)
    {
        var root = await ProjectSettingsReader.ReadObjectAsync(context.Request, context.RequestAborted);
        if (root.TryGetProperty("model_type", out _))
        {
            throw ApiException.BadRequest("'model_type' cannot change; create a new project for another model type.");
        }

        return ProjectResult(await Project(grains, id).UpdateAsync(ProjectSettingsReader.ReadSettings(root)));
    }

    private static async Task<IResult> SetDisabledAsync(long id, bool disabled, IGrainFactory grains) =>
        ProjectResult(await Project(grains, id).SetDisabledAsync(disabled));

    private static async Task<IResult> RotateKeyAsync(long id, int slot, IGrainFactory grains)
    {
        var key = await Project(grains, id).RotateKeyAsync(slot);
        return WireJsonResult.Ok(new KeyRotatedDocument(id, slot, key), WireJson.Context.KeyRotatedDocument);
    }

    private static async Task<IResult> RevokeKeyAsync(long id, int slot, IGrainFactory grains)
    {
        await Project(grains, id).RevokeKeyAsync(slot);
        return WireJsonResult.Ok(new KeyRevokedDocument(id, slot, Revoked: true), WireJson.Context.KeyRevokedDocument);
    }

    private static async Task<IResult> RotateWebhookSecretAsync(long id, IGrainFactory grains)
    {
        var secrets = await Project(grains, id).RotateWebhookSecretAsync(WebhookSecretOverlap);
        return WireJsonResult.Ok(new WebhookSecretRotatedDocument(id, secrets.Current, secrets.PreviousValidUntil), WireJson.Context.WebhookSecretRotatedDocument);
    }

    private static async Task<IResult> GetUsageAsync(long id, int? days, IGrainFactory grains)
    {
        if (await Project(grains, id).GetConfigAsync() is null)
        {
            throw ProjectNotFound();
        }

        if (days is < 1 or > 400)
        {
            throw ApiException.BadRequest("'days' must be from 1 to 400.");
        }

        var usage = await grains.GetGrain<IProjectQuotaGrain>(ProjectKeys.QuotaGrainKey(id)).GetUsageAsync(days ?? DefaultUsageDays);
        return WireJsonResult.Ok(UsageDocument.From(id, usage), WireJson.Context.UsageDocument);
    }

    private static async Task<IResult> ListFailingCallbacksAsync(long id, int? limit, IGrainFactory grains)
    {
        if (await Project(grains, id).GetConfigAsync() is null)
        {
            throw ProjectNotFound();
        }

        if (limit is < 1 or > 1000)
        {
            throw ApiException.BadRequest("'limit' must be from 1 to 1000.");
        }

        var failing = await grains.GetGrain<ICallbackMonitorGrain>(0).ListFailingAsync(id, limit ?? 100);
        return WireJsonResult.Ok(FailingCallbacksDocument.From(id, failing), WireJson.Context.FailingCallbacksDocument);
    }

    private static async Task<IResult> ResendAsync(Guid id, IGrainFactory grains) =>
        TaskApi.ResendResult(await grains.GetGrain<ITaskGrain>(id).ResendCallbackAsync(ResentBy.Manual) ?? throw ApiException.TaskNotFound());

    private static IProjectGrain Project(IGrainFactory grains, long id) => grains.GetGrain<IProjectGrain>(ProjectKeys.GrainKey(id));

    private static WireJsonResult<ProjectDocument> ProjectResult(ProjectDetails project) =>
        WireJsonResult.Ok(ProjectDocument.From(project), WireJson.Context.ProjectDocument);

    private static ApiException ProjectNotFound() => new(StatusCodes.Status404NotFound, "Project not found.");
}
