using System.Net.Sockets;
using System.Text;

namespace HiveOrleans.Gateway.Tests.Infrastructure;

/// <summary>
/// One HTTP/1.1 exchange over a bare socket: for bytes no HttpClient would send, and for bodies the server may refuse
/// before it has read them. HttpClient fails such a request with "broken pipe" when the server answers and closes
/// while the body is still going out; here the body stops going out once the server closes, and its answer stands.
/// </summary>
public static class RawHttp
{
    private const int Piece = 64 * 1024;

    /// <summary>Sends <paramref name="request"/> (head and body, as they go on the wire) and reads the one answer.</summary>
    public static async Task<(int Status, string Body)> ExchangeAsync(Uri server, ReadOnlyMemory<byte> request)
    {
        using var socket = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = socket.GetStream();
        var answer = ReadToCloseAsync(stream, timeout.Token);
        for (var sent = 0; sent < request.Length && !answer.IsCompleted; sent += Piece)
        {
            try
            {
                await stream.WriteAsync(request.Slice(sent, Math.Min(Piece, request.Length - sent)), timeout.Token);
            }
            catch (IOException)
            {
                break;
            }
        }

        return Parse(await answer);
    }

    /// <summary>
    /// Posts <paramref name="content"/> to <paramref name="path"/> with <c>Connection: close</c>, framed by its length
    /// or, when <paramref name="chunked"/>, in 64 KiB chunks with no length given.
    /// </summary>
    public static async Task<(int Status, string Body)> PostAsync(Uri server, string path, string authorization, HttpContent content, bool chunked)
    {
        var body = await content.ReadAsByteArrayAsync();
        using var wire = new MemoryStream();
        var framing = chunked ? "Transfer-Encoding: chunked" : $"Content-Length: {body.Length}";
        wire.Write(Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nAuthorization: {authorization}\r\n" +
            $"Content-Type: {content.Headers.ContentType}\r\n{framing}\r\nConnection: close\r\n\r\n"));
        if (!chunked)
        {
            wire.Write(body);
        }
        else
        {
            for (var at = 0; at < body.Length; at += Piece)
            {
                var size = Math.Min(Piece, body.Length - at);
                wire.Write(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
                wire.Write(body, at, size);
                wire.Write("\r\n"u8);
            }

            wire.Write("0\r\n\r\n"u8);
        }

        return await ExchangeAsync(server, wire.GetBuffer().AsMemory(0, (int)wire.Length));
    }

    private static async Task<string> ReadToCloseAsync(NetworkStream stream, CancellationToken cancellation)
    {
        using var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellation)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A server that refuses a body it has not read may reset the connection; what it answered before stands.
        }

        return Encoding.UTF8.GetString(received.GetBuffer(), 0, (int)received.Length);
    }

    private static (int Status, string Body) Parse(string answer)
    {
        var headersEnd = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(headersEnd > 0, $"no complete answer came: '{answer}'");
        var status = int.Parse(answer.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = answer[..headersEnd];
        var body = answer[(headersEnd + 4)..];
        if (headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = string.Concat(body.Split("\r\n").Where((_, i) => i % 2 == 1));
        }

        return (status, body);
    }
}
