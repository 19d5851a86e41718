using System.ComponentModel.DataAnnotations;

namespace HiveOrleans.Grains.Models;

/// <summary>The speech model. Bound from <c>HiveOrleans:Speech</c>; see docs/operations.md.</summary>
public sealed class SpeechModelOptions : IValidatableObject
{
    public const string Section = "HiveOrleans:Speech";

    /// <summary>
    /// A whisper.cpp ggml model file: when set, Whisper hears speech instead of PocketSphinx. A file that is missing,
    /// unreadable or not ggml stops the silo at start. Null (the default): PocketSphinx.
    /// </summary>
    public string? WhisperModelPath { get; set; }

    /// <summary>Where PocketSphinx's US English model is (Debian <c>pocketsphinx-en-us</c>).</summary>
    [Required]
    public string PocketSphinxModelPath { get; set; } = HiveOrleans.Moderation.Speech.PocketSphinxRecognizer.DefaultModelDirectory;

    /// <summary>
    /// Audio is recognised this many seconds at a time, in order; a word cut by a boundary may be lost or split.
    /// PocketSphinx's search grows with the utterance, so segments stay short.
    /// </summary>
    [Range(5, 300)]
    public int SegmentSeconds { get; set; } = 20;

    /// <summary>Only this much of a recording is heard; the rest is ignored (an hour by default).</summary>
    [Range(1, 86_400)]
    public int MaxSeconds { get; set; } = 3600;

    /// <summary>Decoding and recognising one recording must finish within this, or the task fails with <c>TIMEOUT</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(20);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(WhisperModelPath) && HiveOrleans.Moderation.Speech.WhisperModelFile.Problem(WhisperModelPath) is { } problem)
        {
            yield return new ValidationResult($"{Section}:{nameof(WhisperModelPath)}: {problem}.", [nameof(WhisperModelPath)]);
        }
    }
}
