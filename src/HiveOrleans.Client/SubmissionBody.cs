using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>
/// A submission's body, able to be sent again: each attempt gets fresh <see cref="HttpContent"/> over the same bytes.
/// Text and URLs are one JSON document; media is <c>multipart/form-data</c> with the fields first and the file last.
/// </summary>
internal sealed class SubmissionBody : IDisposable
{
    private readonly ModerationRequest _request;
    private readonly string? _idempotencyKey;
    private readonly byte[]? _json;
    private readonly Stream? _media;
    private readonly long _mediaStart;
    private readonly bool _ownsMedia;

    private SubmissionBody(ModerationRequest request, string? idempotencyKey, byte[]? json, Stream? media, long mediaStart, bool ownsMedia)
    {
        _request = request;
        _idempotencyKey = idempotencyKey;
        _json = json;
        _media = media;
        _mediaStart = mediaStart;
        _ownsMedia = ownsMedia;
    }

    /// <summary>Makes the body re-sendable: a stream that cannot seek is read into memory now.</summary>
    public static async Task<SubmissionBody> PrepareAsync(ModerationRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (request.Media is not { } media)
        {
            return new SubmissionBody(request, idempotencyKey, request.FilePath is null ? Json(request, idempotencyKey) : null, null, 0, false);
        }

        if (media.CanSeek)
        {
            return new SubmissionBody(request, idempotencyKey, null, media, media.Position, false);
        }

        var buffer = new MemoryStream();
        await media.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return new SubmissionBody(request, idempotencyKey, null, buffer, 0, true);
    }

    /// <summary>The content for one attempt.</summary>
    public HttpContent CreateContent()
    {
        if (_json is not null)
        {
            var content = new ByteArrayContent(_json);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return content;
        }

        var form = new MultipartFormDataContent();
        AddField(form, "metadata", _request.Metadata);
        AddField(form, "callback_url", _request.CallbackUrl?.ToString());
        AddField(form, "idempotency_key", _idempotencyKey);
        HttpContent file = _media is not null
            ? new ReplayedStreamContent(_media, _mediaStart)
            : new StreamContent(new FileStream(_request.FilePath!, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "media", _request.FileName!);
        return form;
    }

    public void Dispose()
    {
        if (_ownsMedia)
        {
            _media?.Dispose();
        }
    }

    private static void AddField(MultipartFormDataContent form, string name, string? value)
    {
        if (value is not null)
        {
            form.Add(new StringContent(value), name);
        }
    }

    private static byte[] Json(ModerationRequest request, string? idempotencyKey)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteFields(writer, request, idempotencyKey);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A submission's fields as one JSON object: the body of a JSON submission, and one item of a batch.</summary>
    internal static void WriteFields(Utf8JsonWriter writer, ModerationRequest request, string? idempotencyKey)
    {
        writer.WriteStartObject();
        if (request.TextData is { } text)
        {
            writer.WriteString("text_data", text);
        }

        if (request.Url is { } url)
        {
            writer.WriteString("url", url.ToString());
        }

        if (request.Metadata is { } metadata)
        {
            writer.WriteString("metadata", metadata);
        }

        if (request.CallbackUrl is { } callback)
        {
            writer.WriteString("callback_url", callback.ToString());
        }

        if (idempotencyKey is not null)
        {
            writer.WriteString("idempotency_key", idempotencyKey);
        }

        writer.WriteEndObject();
    }

    /// <summary>A caller's stream, sent from the same position on every attempt and never disposed here.</summary>
    private sealed class ReplayedStreamContent(Stream stream, long start) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream target, TransportContext? context) =>
            await SerializeToStreamAsync(target, context, CancellationToken.None).ConfigureAwait(false);

        protected override async Task SerializeToStreamAsync(Stream target, TransportContext? context, CancellationToken cancellationToken)
        {
            stream.Position = start;
            await stream.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = stream.Length - start;
            return true;
        }
    }
}
