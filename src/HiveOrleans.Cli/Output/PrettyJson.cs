using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HiveOrleans.Cli.Output;

/// <summary>The API's answer as it came, indented, for scripts (<c>--json</c>).</summary>
internal static class PrettyJson
{
    // Relaxed escaping keeps names and messages readable; the output goes to a terminal or a pipe, never into HTML.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(JsonElement body, TextWriter output)
    {
        if (body.ValueKind == JsonValueKind.Undefined)
        {
            output.WriteLine("{}");
            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            body.WriteTo(writer);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
