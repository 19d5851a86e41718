using System.Text;
using System.Text.Json;
using HiveOrleans.Abstractions.Idempotency;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Storage.Media;
using Microsoft.AspNetCore.Http.Features;

namespace HiveOrleans.Gateway.Api;

/// <summary>
/// Reads a submission from multipart, urlencoded or JSON bodies (the same field names in each) and checks it
/// against the contract and the project, so a request that reaches a grain is one the grain can carry out.
/// </summary>
internal static class TaskRequestReader
{
    public const int MaxMetadataBytes = 16 * 1024;
    public const int MaxUrlLength = 4096;

    public static async Task<TaskRequest> ReadAsync(HttpRequest request, ProjectConfig project, IMediaStore media, CancellationToken cancellationToken)
    {
        LimitBody(request, project);
        var fields = await ReadFieldsAsync(request, project, media, cancellationToken);
        Validate(fields, project);
        return fields;
    }

    private static void LimitBody(HttpRequest request, ProjectConfig project)
    {
        if (request.ContentLength > project.MaxBodyBytes)
        {
            throw TooLarge(project);
        }

        var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false })
        {
            limit.MaxRequestBodySize = project.MaxBodyBytes;
        }
    }

    private static ApiException TooLarge(ProjectConfig project) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The request body is over this project's limit of {project.MaxBodyBytes} bytes.");

    private static async Task<TaskRequest> ReadFieldsAsync(HttpRequest request, ProjectConfig project, IMediaStore media, CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType())
        {
            return await ReadJsonAsync(request, cancellationToken);
        }

        if (MultipartTaskReader.IsMultipart(request))
        {
            return await MultipartTaskReader.ReadAsync(request, project, media, cancellationToken);
        }

        if (request.HasFormContentType)
        {
            // A value may be as long as the project's body: a body over that is Kestrel's 413, naming the limit,
            // rather than the form reader's own 4 MiB value limit.
            var limits = new FormOptions { ValueLengthLimit = (int)Math.Min(project.MaxBodyBytes, int.MaxValue) };
            var form = await request.ReadFormAsync(limits, cancellationToken);
            if (form.ContainsKey("media"))
            {
                throw MediaNotAFile();
            }

            return new TaskRequest
            {
                TextData = Single(form, "text_data"),
                Url = Single(form, "url"),
                CallbackUrl = Single(form, "callback_url"),
                Metadata = Single(form, "metadata"),
                IdempotencyKey = Single(form, "idempotency_key"),
            };
        }

        if (string.IsNullOrEmpty(request.ContentType) && request.ContentLength is null or 0)
        {
            return new TaskRequest();
        }

        throw new ApiException(StatusCodes.Status415UnsupportedMediaType,
            $"Content type '{request.ContentType}' is not supported; send multipart/form-data, application/x-www-form-urlencoded or application/json.");
    }

    private static string? Single(IFormCollection form, string name)
    {
        if (!form.TryGetValue(name, out var values))
        {
            return null;
        }

        return values.Count == 1 ? values[0] : throw ApiException.GivenTwice(name);
    }

    private static async Task<TaskRequest> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // metadata is the caller's own and comes back untouched, so only its own key is checked for being given twice.
        var root = await JsonFields.ReadObjectAsync(request.Body, "The JSON body must be an object with the task's fields.", cancellationToken, "metadata");
        string? metadata = null;
        var metadataIsJson = false;
        if (JsonFields.Field(root, "metadata") is { } meta)
        {
            metadataIsJson = meta.ValueKind != JsonValueKind.String;
            metadata = metadataIsJson ? JsonFields.RawText(meta, "metadata") : JsonFields.Text(meta, "metadata");
        }

        if (JsonFields.Field(root, "media") is not null)
        {
            throw MediaNotAFile();
        }

        return new TaskRequest
        {
            TextData = JsonFields.String(root, "text_data"),
            Url = JsonFields.String(root, "url"),
            CallbackUrl = JsonFields.String(root, "callback_url"),
            Metadata = metadata,
            IdempotencyKey = JsonFields.String(root, "idempotency_key"),
            MetadataIsJson = metadataIsJson,
        };
    }

    internal static ApiException MediaNotAFile() =>
        ApiException.BadRequest("'media' must be a file part of a multipart/form-data body; to have the platform download the media, give its address in 'url'.");

    private static void Validate(TaskRequest fields, ProjectConfig project)
    {
        var given = (fields.Media is not null ? 1 : 0) + (fields.Url is not null ? 1 : 0) + (fields.TextData is not null ? 1 : 0);
        if (given != 1)
        {
            throw ApiException.BadRequest(given == 0
                ? "One of 'media', 'url' or 'text_data' is required."
                : "Give exactly one of 'media', 'url' or 'text_data', not several.");
        }

        if (project.ModelType == ModelTypes.Text)
        {
            var misfit = fields.Media is not null ? "media" : fields.Url is not null ? "url" : null;
            if (misfit is not null)
            {
                throw MisfitForText(misfit);
            }
        }
        else if (fields.TextData is not null)
        {
            throw ApiException.BadRequest($"'text_data' does not fit this project: a {project.ModelType} project takes 'media' (a file upload) or 'url' with {MediaIntake.Accepted(project.ModelType)}.");
        }

        if (fields.Url is { } url && (url.Length > MaxUrlLength || !IsHttpUrl(url)))
        {
            throw ApiException.BadRequest($"'url' must be an absolute http or https URL of at most {MaxUrlLength} characters.");
        }

        if (fields.TextData is { } text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw ApiException.BadRequest("'text_data' is empty.");
            }

            if (text.Length > project.MaxTextLength)
            {
                throw ApiException.BadRequest($"'text_data' is {text.Length} characters; this project takes at most {project.MaxTextLength}.");
            }
        }

        if (fields.CallbackUrl is { } callback && !IsHttpUrl(callback))
        {
            throw ApiException.BadRequest("'callback_url' must be an absolute http or https URL.");
        }

        if (fields.IdempotencyKey is { } idempotencyKey && (idempotencyKey.Length is 0 or > IdempotencyKeys.MaxLength))
        {
            throw ApiException.BadRequest($"'idempotency_key' must be 1 to {IdempotencyKeys.MaxLength} characters.");
        }

        if (fields.Metadata is { } metadata && Encoding.UTF8.GetByteCount(metadata) > MaxMetadataBytes)
        {
            throw ApiException.BadRequest($"'metadata' is over {MaxMetadataBytes / 1024} KiB.");
        }
    }

    internal static ApiException MisfitForText(string field) =>
        ApiException.BadRequest($"'{field}' does not fit this project: a text project takes 'text_data' only.");

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
