using Whisper.net;

namespace HiveOrleans.Moderation.Speech;

/// <summary>
/// Whisper (whisper.cpp through Whisper.net, CPU runtime) with an operator-provided ggml model; nothing is downloaded.
/// The model loads once; each recording gets its own processor. Whisper gives phrases with times rather than words,
/// so each phrase is one <see cref="RecognizedWord"/>.
/// </summary>
public sealed class WhisperRecognizer : ISpeechRecognizer, IDisposable
{
    public const string ModelName = "hive-orleans-whisper";

    private readonly WhisperFactory _factory;

    /// <exception cref="SpeechModelUnavailableException">The file is missing, unreadable or not a ggml model.</exception>
    public WhisperRecognizer(string modelPath)
    {
        if (WhisperModelFile.Problem(modelPath) is { } problem)
        {
            throw new SpeechModelUnavailableException(problem);
        }

        Version = VersionOf(modelPath);
        _factory = WhisperFactory.FromPath(modelPath);
    }

    public string Name => ModelName;

    /// <summary>The file's name and length: a different model file never reuses another's cached results.</summary>
    public static string VersionOf(string modelPath)
    {
        var file = new FileInfo(modelPath);
        return $"whisper-{Path.GetFileNameWithoutExtension(file.Name)}-{(file.Exists ? file.Length : 0)}";
    }

    public string Version { get; }

    public ISpeechSession Start() => new WhisperSession(_factory);

    public void Dispose() => _factory.Dispose();

    private sealed class WhisperSession : ISpeechSession
    {
        private readonly List<RecognizedWord> _heard = [];
        private readonly WhisperProcessor _processor;
        private double _offset;

        public WhisperSession(WhisperFactory factory)
        {
            _processor = factory.CreateBuilder()
                .WithLanguage("auto")
                .WithSegmentEventHandler(segment =>
                {
                    var text = segment.Text.Trim();
                    if (text.Length > 0)
                    {
                        _heard.Add(new RecognizedWord(text, _offset + segment.Start.TotalSeconds, _offset + segment.End.TotalSeconds));
                    }
                })
                .Build();
        }

        public IReadOnlyList<RecognizedWord> Recognize(ReadOnlySpan<short> samples, double offsetSeconds)
        {
            var floats = new float[samples.Length];
            for (var i = 0; i < samples.Length; i++)
            {
                floats[i] = samples[i] / 32768f;
            }

            _heard.Clear();
            _offset = offsetSeconds;
            _processor.Process(floats);
            return [.. _heard];
        }

        public void Dispose() => _processor.Dispose();
    }
}
