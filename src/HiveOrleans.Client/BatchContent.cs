using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>The bodies of a batch submission: a JSON array, or NDJSON written line by line as the items come.</summary>
internal static class BatchContent
{
    public static byte[] JsonArray(IEnumerable<ModerationRequest> items)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                SubmissionBody.WriteFields(writer, Batchable(item), item.IdempotencyKey);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static HttpContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public static HttpContent Ndjson(IAsyncEnumerable<ModerationRequest> items) => new NdjsonContent(items);

    private static ModerationRequest Batchable(ModerationRequest item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Media is null && item.FilePath is null
            ? item
            : throw new ArgumentException("File and stream uploads cannot be batched; submit them with SubmitAsync, or give their URL.", nameof(item));
    }

    /// <summary>Writes each item as it is yielded, flushing every so often; the length is unknown, so it goes chunked.</summary>
    private sealed class NdjsonContent : HttpContent
    {
        private readonly IAsyncEnumerable<ModerationRequest> _items;

        public NdjsonContent(IAsyncEnumerable<ModerationRequest> items)
        {
            _items = items;
            Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var buffer = new ArrayBufferWriter<byte>(64 * 1024);
            var writer = new Utf8JsonWriter(buffer);
            await using (writer.ConfigureAwait(false))
            {
                await foreach (var item in _items.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    SubmissionBody.WriteFields(writer, Batchable(item), item.IdempotencyKey);
                    writer.Flush();
                    writer.Reset();
                    buffer.Write("\n"u8);
                    if (buffer.WrittenCount >= 32 * 1024)
                    {
                        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                        buffer.ResetWrittenCount();
                    }
                }
            }

            await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
