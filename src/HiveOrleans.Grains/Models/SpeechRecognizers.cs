using HiveOrleans.Moderation.Speech;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Grains.Models;

/// <summary>
/// The silo's speech recogniser: Whisper when <see cref="SpeechModelOptions.WhisperModelPath"/> is set (checked at
/// start), else PocketSphinx. Loaded on first use, so a silo without the speech packages still serves text and visual
/// projects (a speech task then fails with <c>MODEL_FAILED</c>, naming the package to install).
/// </summary>
public sealed class SpeechRecognizers : IDisposable
{
    private readonly Lazy<ISpeechRecognizer> _current;

    public SpeechRecognizers(IOptions<SpeechModelOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var whisper = string.IsNullOrWhiteSpace(settings.WhisperModelPath) ? null : settings.WhisperModelPath;
        Version = whisper is null ? PocketSphinxRecognizer.ModelVersion : WhisperRecognizer.VersionOf(whisper);
        _current = new(
            () => whisper is null ? new PocketSphinxRecognizer(settings.PocketSphinxModelPath) : new WhisperRecognizer(whisper),
            LazyThreadSafetyMode.PublicationOnly);
    }

    /// <summary>The recogniser, loaded now if it was not.</summary>
    /// <exception cref="SpeechModelUnavailableException">It cannot be loaded here; the message says why.</exception>
    public ISpeechRecognizer Current => _current.Value;

    /// <summary>The recogniser's version, known without loading it (it is part of cached results' stamps).</summary>
    public string Version { get; }

    public void Dispose()
    {
        if (_current.IsValueCreated && _current.Value is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
