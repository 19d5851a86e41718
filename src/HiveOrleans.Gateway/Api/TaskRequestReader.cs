using System.Text;
using System.Text.Json;
using HiveOrleans.Abstractions.Idempotency;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Storage.Media;
using HiveOrleans.Wire;
using HiveOrleans.Wire.Rules;
using Microsoft.AspNetCore.Http.Features;

namespace HiveOrleans.Gateway.Api;

/// <summary>
/// Reads a submission from multipart, urlencoded or JSON bodies (the same field names in each) and checks it
/// against the contract and the project, so a request that reaches a grain is one the grain can carry out.
/// </summary>
internal static class TaskRequestReader
{
    public static async Task<SubmissionFields> ReadAsync(HttpRequest request, ProjectConfig project, IMediaStore media, CancellationToken cancellationToken)
    {
        LimitBody(request, project);
        var fields = await ReadFieldsAsync(request, project, media, cancellationToken);
        SubmissionRules.Check(fields, project);
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

    private static async Task<SubmissionFields> ReadFieldsAsync(HttpRequest request, ProjectConfig project, IMediaStore media, CancellationToken cancellationToken)
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

            return new SubmissionFields
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
            return new SubmissionFields();
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

    private static async Task<SubmissionFields> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // metadata is the caller's own and comes back untouched, so only its own key is checked for being given twice.
        var root = await JsonFields.ReadObjectAsync(request.Body, "The JSON body must be an object with the task's fields.", cancellationToken, "metadata");
        if (JsonFields.Field(root, "media") is not null)
        {
            throw MediaNotAFile();
        }

        return FieldsOf(root);
    }

    /// <summary>The submission fields of a JSON object already checked for fields given twice (<c>media</c> excluded).</summary>
    internal static SubmissionFields FieldsOf(JsonElement root)
    {
        string? metadata = null;
        var metadataIsJson = false;
        if (JsonFields.Field(root, "metadata") is { } meta)
        {
            metadataIsJson = meta.ValueKind != JsonValueKind.String;
            metadata = metadataIsJson ? JsonFields.RawText(meta, "metadata") : JsonFields.Text(meta, "metadata");
        }

        return new SubmissionFields
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
}
