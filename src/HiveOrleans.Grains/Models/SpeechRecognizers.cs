using HiveOrleans.Moderation.Speech;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Grains.Models;

/// <summary>
/// The silo's speech recogniser, loaded on first use so a silo without the speech packages still serves text and
/// visual projects (a speech task then fails with <c>MODEL_FAILED</c>, naming the package to install).
/// </summary>
public sealed class SpeechRecognizers(IOptions<SpeechModelOptions> options)
{
    private readonly Lazy<ISpeechRecognizer> _current = new(() => new PocketSphinxRecognizer(options.Value.PocketSphinxModelPath), LazyThreadSafetyMode.PublicationOnly);

    /// <summary>The recogniser, loaded now if it was not.</summary>
    /// <exception cref="SpeechModelUnavailableException">It cannot be loaded here; the message says why.</exception>
    public ISpeechRecognizer Current => _current.Value;

    /// <summary>The recogniser's version, known without loading it (it is part of cached results' stamps).</summary>
    public string Version => PocketSphinxRecognizer.ModelVersion;
}
