using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HiveOrleans.Abstractions.Models;
using HiveOrleans.Moderation.Onnx;

namespace HiveOrleans.Grains.Models.Registered;

/// <summary>
/// A remote model behind a KServe v2 (Triton) inference server: <c>POST {base}/v2/models/{name}/infer</c> with the
/// pictures as one FP32 tensor in JSON (<c>inputs: [{name, shape, datatype, data}]</c>), reading the scores from the
/// named output. Each attempt has the registration's deadline; a 5xx, a 429, a connection failure or a deadline is retried
/// with exponential backoff (200 ms, 400 ms, … at most 5 s), a 4xx is not. At most <see cref="RemoteServer.MaxConcurrency"/>
/// requests are open at once from this silo (the <paramref name="slots"/>, shared by every model of that server).
/// </summary>
internal sealed class KServeScorer(HttpClient http, RemoteServer server, ImagePreprocessing preprocessing, int labelCount, SemaphoreSlim slots) : IModelScorer
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly Uri _endpoint = new($"{server.BaseUrl.TrimEnd('/')}/v2/models/{Uri.EscapeDataString(server.ModelName)}/infer");

    public async Task<float[][]> ScoreAsync(IReadOnlyList<RgbImage> pictures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pictures);
        var results = new List<float[]>(pictures.Count);
        for (var start = 0; start < pictures.Count; start += OnnxImageClassifier.MaxBatch)
        {
            var batch = pictures.Skip(start).Take(OnnxImageClassifier.MaxBatch).ToArray();
            var body = Request(batch);
            results.AddRange(await WithRetriesAsync(body, batch.Length, cancellationToken).ConfigureAwait(false));
        }

        return [.. results];
    }

    public void Dispose()
    {
        // The client and the slots are the registry's, shared.
    }

    private async Task<float[][]> WithRetriesAsync(byte[] body, int count, CancellationToken cancellationToken)
    {
        var backoff = FirstBackoff;
        for (var attempt = 0; ; attempt++)
        {
            string failure;
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(TimeSpan.FromSeconds(server.TimeoutSeconds));
                try
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var response = await http.PostAsync(_endpoint, content, deadline.Token).ConfigureAwait(false);
                    var text = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return Scores(text, count);
                    }

                    failure = $"{(int)response.StatusCode} {Excerpt(text)}";
                    if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                    {
                        throw new RemoteModelException($"{_endpoint} refused the request: {failure}");
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = $"no answer within {server.TimeoutSeconds:0.###} s";
                }
                catch (HttpRequestException ex)
                {
                    failure = $"unreachable ({ex.Message.TrimEnd('.')})";
                }
            }
            finally
            {
                slots.Release();
            }

            if (attempt >= server.Retries)
            {
                throw new RemoteModelException($"{_endpoint} failed {attempt + 1} time(s); last: {failure}.");
            }

            await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
            backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
        }
    }

    /// <summary>The request body: the pictures as one FP32 tensor, and the one output asked for.</summary>
    private byte[] Request(IReadOnlyList<RgbImage> batch)
    {
        var perImage = preprocessing.ValuesPerImage;
        var values = new float[batch.Count * perImage];
        for (var i = 0; i < batch.Count; i++)
        {
            ImageTensor.Write(batch[i], preprocessing, values.AsSpan(i * perImage, perImage));
        }

        long[] shape = preprocessing.Layout == TensorLayout.Nhwc
            ? [batch.Count, preprocessing.Height, preprocessing.Width, 3]
            : [batch.Count, 3, preprocessing.Height, preprocessing.Width];
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("inputs");
            json.WriteStartObject();
            json.WriteString("name", server.InputName);
            json.WriteStartArray("shape");
            foreach (var dim in shape)
            {
                json.WriteNumberValue(dim);
            }

            json.WriteEndArray();
            json.WriteString("datatype", "FP32");
            json.WriteStartArray("data");
            foreach (var value in values)
            {
                json.WriteNumberValue(value);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("outputs");
            json.WriteStartObject();
            json.WriteString("name", server.OutputName);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private float[][] Scores(string text, int count)
    {
        float[] flat;
        try
        {
            using var document = JsonDocument.Parse(text);
            var output = document.RootElement.GetProperty("outputs").EnumerateArray()
                .FirstOrDefault(o => o.TryGetProperty("name", out var name) && name.GetString() == server.OutputName);
            if (output.ValueKind != JsonValueKind.Object)
            {
                throw new RemoteModelException($"{_endpoint} answered without the output '{server.OutputName}'.");
            }

            flat = [.. output.GetProperty("data").EnumerateArray().Select(v => v.GetSingle())];
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new RemoteModelException($"{_endpoint} answered with other than a KServe v2 inference response: {ex.Message}", ex);
        }

        if (flat.Length != count * labelCount)
        {
            throw new RemoteModelException(
                $"{_endpoint} gave {flat.Length} scores in '{server.OutputName}' for {count} picture(s); {labelCount} labels need {count * labelCount}.");
        }

        return [.. Enumerable.Range(0, count).Select(i => flat.AsSpan(i * labelCount, labelCount).ToArray())];
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
