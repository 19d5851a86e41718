using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HiveOrleans.Abstractions.Batches;
using HiveOrleans.Gateway.Wire;

namespace HiveOrleans.Gateway.Api;

/// <summary>
/// An NDJSON body read a line at a time from a pipe, so memory holds one line (at most
/// <see cref="BatchLimits.MaxLineBytes"/>) whatever the body's length. Blank lines are skipped and are no items. A line
/// that is not a JSON object, or is too long, is that item's error. After <see cref="BatchLimits.MaxNdjsonLines"/> items,
/// or when the body passes its size limit, one last error item says so and nothing further is read: the items before
/// it are taken in, so the request as a whole is not refused.
/// </summary>
internal static class NdjsonItems
{
    public static async IAsyncEnumerable<BatchItem> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        var items = 0;
        var skipping = false;
        ApiException? stop = null;
        try
        {
            while (stop is null)
            {
                ReadResult result;
                try
                {
                    result = await reader.ReadAsync(cancellationToken);
                }
                catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    stop = new ApiException(StatusCodes.Status413PayloadTooLarge,
                        $"The batch body passed its limit of {BatchLimits.MaxNdjsonBodyBytes} bytes here; nothing from this line on was read.");
                    break;
                }

                var buffer = result.Buffer;
                while (TakeLine(ref buffer, out var line))
                {
                    if (skipping)
                    {
                        // The rest of a line already answered as too long.
                        skipping = false;
                        continue;
                    }

                    if (IsBlank(line))
                    {
                        continue;
                    }

                    if (++items > BatchLimits.MaxNdjsonLines)
                    {
                        stop = OverLineLimit();
                        break;
                    }

                    yield return Parse(line, items);
                }

                if (stop is not null)
                {
                    break;
                }

                if (!skipping && buffer.Length > BatchLimits.MaxLineBytes)
                {
                    if (++items > BatchLimits.MaxNdjsonLines)
                    {
                        stop = OverLineLimit();
                        break;
                    }

                    skipping = true;
                    yield return BatchItem.Unreadable(new ApiException(StatusCodes.Status413PayloadTooLarge,
                        $"Item {items} is a line over {BatchLimits.MaxLineBytes} bytes."));
                }

                if (skipping)
                {
                    buffer = buffer.Slice(buffer.End);
                }

                if (result.IsCompleted)
                {
                    if (!skipping && !IsBlank(buffer))
                    {
                        if (++items > BatchLimits.MaxNdjsonLines)
                        {
                            stop = OverLineLimit();
                            break;
                        }

                        yield return Parse(buffer, items);
                    }

                    reader.AdvanceTo(buffer.End);
                    break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }

            if (stop is not null)
            {
                yield return BatchItem.Unreadable(stop);
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static ApiException OverLineLimit() =>
        new(StatusCodes.Status413PayloadTooLarge,
            $"An NDJSON batch takes at most {BatchLimits.MaxNdjsonLines} items; this line and any after it were not read.");

    private static bool TakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        if (buffer.PositionOf((byte)'\n') is not { } end)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, end);
        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            if (segment.Span.IndexOfAnyExcept(" \t\r"u8) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private static BatchItem Parse(ReadOnlySequence<byte> line, int item)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return BatchRequestReader.Item(document.RootElement);
        }
        catch (JsonException ex)
        {
            return BatchItem.Unreadable(ApiException.BadRequest($"Item {item} is not valid JSON: {ex.Message}"));
        }
    }
}
