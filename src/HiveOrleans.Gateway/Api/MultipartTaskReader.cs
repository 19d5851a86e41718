using System.Text;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Storage.Media;
using HiveOrleans.Wire;
using HiveOrleans.Wire.Rules;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace HiveOrleans.Gateway.Api;

/// <summary>
/// Reads a multipart/form-data submission part by part, so the <c>media</c> file streams straight from the socket
/// into the media store (sniffed and size-checked on the way) and is never held whole in memory or in a temp form.
/// </summary>
internal static class MultipartTaskReader
{
    private const string MediaField = "media";
    private static readonly string[] TextFields = ["text_data", "url", "callback_url", "metadata", "idempotency_key"];

    public static bool IsMultipart(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    public static async Task<SubmissionFields> ReadAsync(HttpRequest request, ProjectConfig project, IMediaStore store, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw ApiException.BadRequest("The multipart/form-data body has no boundary in its Content-Type.");
        }

        var reader = new MultipartReader(boundary, request.Body);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        TaskMedia? media = null;
        var fieldLimit = Math.Max(SubmissionRules.MaxMetadataBytes, project.MaxTextLength * 4L) + 1024;
        try
        {
            while (await NextSectionAsync(reader, cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    throw ApiException.BadRequest("Every part of a multipart/form-data body needs a 'Content-Disposition: form-data; name=...' header.");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    if (name != MediaField)
                    {
                        throw ApiException.BadRequest($"The file part '{name}' is not a field of a task; upload the file as 'media'.");
                    }

                    if (media is not null)
                    {
                        throw ApiException.GivenTwice(MediaField);
                    }

                    if (project.ModelType == ModelTypes.Text)
                    {
                        throw SubmissionRules.MisfitForText(MediaField);
                    }

                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    media = await StoreMediaAsync(store, PartOf(section), project, fileName, cancellationToken);
                    continue;
                }

                if (name == MediaField)
                {
                    throw TaskRequestReader.MediaNotAFile();
                }

                var value = await ReadValueAsync(PartOf(section), name, fieldLimit, cancellationToken);
                if (!TextFields.Contains(name))
                {
                    // Unknown fields are ignored, as in the JSON and urlencoded forms.
                    continue;
                }

                if (!fields.TryAdd(name, value))
                {
                    throw ApiException.GivenTwice(name);
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw ApiException.BadRequest($"The multipart/form-data body is malformed: {ex.Message}");
        }

        return new SubmissionFields
        {
            TextData = fields.GetValueOrDefault("text_data"),
            Url = fields.GetValueOrDefault("url"),
            Media = media,
            CallbackUrl = fields.GetValueOrDefault("callback_url"),
            Metadata = fields.GetValueOrDefault("metadata"),
            IdempotencyKey = fields.GetValueOrDefault("idempotency_key"),
        };
    }

    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (IOException)
        {
            throw Truncated();
        }
    }

    private static async Task<TaskMedia> StoreMediaAsync(IMediaStore store, Stream body, ProjectConfig project, string? fileName, CancellationToken cancellationToken)
    {
        try
        {
            return await MediaIntake.StoreAsync(store, body, project.ModelType, project.MaxBodyBytes, fileName, cancellationToken);
        }
        catch (UnsupportedMediaException ex)
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, ex.Message);
        }
        catch (MediaTooLargeException)
        {
            throw new ApiException(StatusCodes.Status413PayloadTooLarge, $"'media' is over this project's limit of {project.MaxBodyBytes} bytes.");
        }
        catch (ArgumentException)
        {
            throw ApiException.BadRequest("'media' is an empty file.");
        }
    }

    private static async Task<string> ReadValueAsync(Stream body, string name, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw ApiException.BadRequest($"'{name}' is over {limit} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// One part's body, read by code that also writes elsewhere (the media store): a read that fails there is the
    /// client's doing (the body ended before its closing boundary, or the client went away), so it is a 400 rather
    /// than passing for a storage failure (503).
    /// </summary>
    private static ClientReadStream PartOf(MultipartSection section) => new(section.Body, static _ => Truncated());

    /// <summary>The error for a multipart body that could not be read to its end.</summary>
    private static ApiException Truncated() =>
        ApiException.BadRequest("The multipart/form-data body ended before its closing boundary; send the whole body.");
}
