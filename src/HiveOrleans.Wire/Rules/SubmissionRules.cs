using System.Text;
using HiveOrleans.Abstractions.Idempotency;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Wire.Rules;

/// <summary>
/// What a task submission must be to be accepted by a project, whichever content type or endpoint carried it. A
/// broken rule throws <see cref="TaskRequestException"/> with the message the caller sees (400).
/// </summary>
public static class SubmissionRules
{
    public const int MaxMetadataBytes = 16 * 1024;
    public const int MaxUrlLength = 4096;

    /// <summary>Manual review is asynchronous: a project that reviews by hand takes no sync submissions.</summary>
    public static void CheckSyncAllowed(ProjectConfig project)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (project.Review == ReviewModes.ManualReview)
        {
            throw new TaskRequestException("This project uses manual review, which is asynchronous: submit to /api/v2/task/async with a callback_url.");
        }
    }

    /// <summary>Checks the fields against the contract (exactly one input, well-formed addresses, sizes) and the project (its model type, text length).</summary>
    public static void Check(SubmissionFields fields, ProjectConfig project)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(project);
        var given = (fields.Media is not null ? 1 : 0) + (fields.Url is not null ? 1 : 0) + (fields.TextData is not null ? 1 : 0);
        Require(given == 1, given == 0
            ? "One of 'media', 'url' or 'text_data' is required."
            : "Give exactly one of 'media', 'url' or 'text_data', not several.");
        if (project.ModelType == ModelTypes.Text)
        {
            if ((fields.Media is not null ? "media" : fields.Url is not null ? "url" : null) is { } misfit)
            {
                throw MisfitForText(misfit);
            }
        }
        else if (fields.TextData is not null)
        {
            throw new TaskRequestException(
                $"'text_data' does not fit this project: a {project.ModelType} project takes 'media' (a file upload) or 'url' with {ModelTypes.AcceptedMedia.GetValueOrDefault(project.ModelType, "no media")}.");
        }

        if (fields.Url is { } url)
        {
            Require(url.Length <= MaxUrlLength && IsHttpUrl(url), $"'url' must be an absolute http or https URL of at most {MaxUrlLength} characters.");
        }

        if (fields.TextData is { } text)
        {
            Require(!string.IsNullOrWhiteSpace(text), "'text_data' is empty.");
            Require(text.Length <= project.MaxTextLength, $"'text_data' is {text.Length} characters; this project takes at most {project.MaxTextLength}.");
        }

        if (fields.CallbackUrl is { } callback)
        {
            Require(IsHttpUrl(callback), "'callback_url' must be an absolute http or https URL.");
        }

        if (fields.IdempotencyKey is { } idempotencyKey)
        {
            Require(idempotencyKey.Length is > 0 and <= IdempotencyKeys.MaxLength, $"'idempotency_key' must be 1 to {IdempotencyKeys.MaxLength} characters.");
        }

        if (fields.Metadata is { } metadata)
        {
            Require(Encoding.UTF8.GetByteCount(metadata) <= MaxMetadataBytes, $"'metadata' is over {MaxMetadataBytes / 1024} KiB.");
        }
    }

    /// <summary>A text project was sent media (<paramref name="field"/> is "media" or "url").</summary>
    public static TaskRequestException MisfitForText(string field) =>
        new($"'{field}' does not fit this project: a text project takes 'text_data' only.");

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new TaskRequestException(message);
        }
    }
}
