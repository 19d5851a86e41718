using System.Text.Json;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Gateway.Wire;

namespace HiveOrleans.Gateway.Admin;

/// <summary>The operator API (ours, not Hive's), behind the operator token.</summary>
internal static class AdminApi
{
    /// <summary>A sync request holds a connection; longer waits belong on the async path.</summary>
    private const int MaxSyncTimeoutSeconds = 300;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin/v1").WithTags("Admin");
        admin.MapPost("/projects", CreateProjectAsync).WithName("CreateProject");
        return routes;
    }

    private static async Task<IResult> CreateProjectAsync(HttpContext context, OperatorToken token, IGrainFactory grains)
    {
        token.Demand(context.Request);
        var spec = await ReadSpecAsync(context.Request, context.RequestAborted);
        var projectId = await grains.GetGrain<IProjectDirectoryGrain>(IProjectDirectoryGrain.Key).AllocateProjectIdAsync();
        var created = await grains.GetGrain<IProjectGrain>(ProjectKeys.GrainKey(projectId)).CreateAsync(spec);
        context.Response.Headers.Location = $"/admin/v1/projects/{projectId}";
        return new JsonWriterResult(StatusCodes.Status201Created, writer =>
        {
            var project = created.Project;
            writer.WriteStartObject();
            writer.WriteNumber("project_id", project.ProjectId);
            writer.WriteStartArray("api_keys");
            foreach (var key in created.ApiKeys)
            {
                writer.WriteStringValue(key);
            }

            writer.WriteEndArray();
            writer.WriteString("webhook_secret", created.WebhookSecret);
            writer.WriteString("name", project.Name);
            writer.WriteString("model_type", project.ModelType);
            writer.WriteString("review", project.Review);
            writer.WriteNumber("user_id", project.UserId);
            writer.WriteNumber("config_version", project.ConfigVersion);
            writer.WriteNumber("sync_timeout_seconds", project.SyncTimeout.TotalSeconds);
            writer.WriteNumber("max_text_length", project.MaxTextLength);
            writer.WriteNumber("max_body_bytes", project.MaxBodyBytes);
            writer.WriteEndObject();
        });
    }

    private static async Task<ProjectSpec> ReadSpecAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, "Send the project as application/json.");
        }

        JsonElement root;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest($"The request body is not valid JSON: {ex.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest("The JSON body must be an object.");
        }

        var name = StringField(root, "name")?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            throw ApiException.BadRequest("'name' is required and at most 200 characters.");
        }

        var modelType = StringField(root, "model_type") ?? throw ApiException.BadRequest($"'model_type' is required: one of {string.Join(", ", ModelTypes.Known)}.");
        if (!ModelTypes.Known.Contains(modelType))
        {
            throw ApiException.BadRequest($"'model_type' must be one of {string.Join(", ", ModelTypes.Known)}.");
        }

        if (!ModelTypes.Available.Contains(modelType))
        {
            throw ApiException.BadRequest($"model_type '{modelType}' is not available in this version; available: {string.Join(", ", ModelTypes.Available)}.");
        }

        var review = StringField(root, "review") ?? ReviewModes.ModelOnly;
        if (review == ReviewModes.ManualReview)
        {
            throw ApiException.BadRequest("review 'manual_review' is not available in this version (there is no review queue yet); use 'model_only'.");
        }

        if (review != ReviewModes.ModelOnly)
        {
            throw ApiException.BadRequest("'review' must be 'model_only' or 'manual_review'.");
        }

        long userId = 1;
        if (root.TryGetProperty("user_id", out var user) && (!user.TryGetInt64(out userId) || userId <= 0))
        {
            throw ApiException.BadRequest("'user_id' must be a positive whole number.");
        }

        TimeSpan? syncTimeout = null;
        if (root.TryGetProperty("sync_timeout_seconds", out var timeout))
        {
            if (!timeout.TryGetDouble(out var seconds) || seconds is < 1 or > MaxSyncTimeoutSeconds)
            {
                throw ApiException.BadRequest($"'sync_timeout_seconds' must be a number from 1 to {MaxSyncTimeoutSeconds}.");
            }

            syncTimeout = TimeSpan.FromSeconds(seconds);
        }

        return new ProjectSpec { Name = name, ModelType = modelType, Review = review, UserId = userId, SyncTimeout = syncTimeout };
    }

    private static string? StringField(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw ApiException.BadRequest($"'{name}' must be a string.");
    }
}
