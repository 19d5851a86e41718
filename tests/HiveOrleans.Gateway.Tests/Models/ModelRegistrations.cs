using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Models;
using SkiaSharp;

namespace HiveOrleans.Gateway.Tests.Models;

/// <summary>Registering models through the operator API, and the pictures the tiny net is checked with.</summary>
internal static class ModelRegistrations
{
    /// <summary>The tiny net's definition: 2×2 NCHW, samples / 255, its three labels, mapped to two classes of the head "colour".</summary>
    public static Dictionary<string, object?> TinyDefinition(string name) => new()
    {
        ["name"] = name,
        ["kind"] = "onnx",
        ["head"] = "colour",
        ["labels"] = TinyImageNet.Labels,
        ["classes"] = new Dictionary<string, string[]> { ["colour_red"] = ["red"], ["colour_not_red"] = ["green", "blue"] },
        ["preprocessing"] = new { width = 2, height = 2, layout = "nchw", channels = "rgb", divisor = 255 },
    };

    /// <summary>POSTs <paramref name="definition"/> as the multipart field 'definition' with <paramref name="onnx"/> as the part 'model'.</summary>
    public static Task<(HttpStatusCode Status, JsonElement Body)> UploadModelAsync(this HttpClient client, object definition, byte[] onnx)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(definition)), "definition" },
        };
        var file = new ByteArrayContent(onnx);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "model", "model.onnx");
        return client.AdminAsync(HttpMethod.Post, "/admin/v1/models", form);
    }

    /// <summary>A solid picture as PNG, whose samples reach the net unchanged (stretching a solid picture keeps it solid).</summary>
    public static byte[] SolidPng(byte r, byte g, byte b, int width = 16, int height = 12)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        bitmap.Erase(new SKColor(r, g, b));
        return TestMedia.Png(bitmap);
    }

    /// <summary>A frame's classes in their order, with their scores.</summary>
    public static Dictionary<string, double> Scores(JsonElement frame) =>
        frame.GetProperty("classes").EnumerateArray().ToDictionary(c => c.GetProperty("class").GetString()!, c => c.GetProperty("score").GetDouble());

    /// <summary>The red picture's scores, by hand: red e⁴ / (e⁴ + 2), green and blue 1 / (e⁴ + 2) each.</summary>
    public static (double Red, double NotRed) RedByHand()
    {
        var e4 = Math.Exp(4);
        return (e4 / (e4 + 2), 2 / (e4 + 2));
    }
}
