namespace HiveOrleans.Moderation.Speech;

/// <summary>Checks an operator's Whisper model file before anything loads it: there, readable, and a ggml file.</summary>
public static class WhisperModelFile
{
    // whisper.cpp's ggml files start with the magic 0x67676d6c, little-endian: "lmgg".
    private static ReadOnlySpan<byte> Magic => "lmgg"u8;

    /// <summary>Why <paramref name="path"/> cannot be a Whisper model, or null when it can.</summary>
    public static string? Problem(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            return $"{path} does not exist";
        }

        try
        {
            using var file = File.OpenRead(path);
            Span<byte> head = stackalloc byte[4];
            return file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(Magic)
                ? null
                : $"{path} is not a whisper.cpp ggml model (it does not start with the ggml magic)";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{path} cannot be read: {ex.Message}";
        }
    }
}
