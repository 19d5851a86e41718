using System.ComponentModel.DataAnnotations;

namespace HiveOrleans.Grains.Models;

/// <summary>OCR's settings. Bound from <c>HiveOrleans:Ocr</c>; see docs/operations.md. Frame and pixel limits are the visual model's.</summary>
public sealed class OcrModelOptions
{
    public const string Section = "HiveOrleans:Ocr";

    /// <summary>The tesseract executable (Debian package <c>tesseract-ocr</c>).</summary>
    [Required]
    public string TesseractPath { get; set; } = "tesseract";

    /// <summary>
    /// Decoding and reading every frame of one task must finish within this, or the task fails with <c>TIMEOUT</c>;
    /// the running tesseract and ffmpeg are killed at the deadline.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TaskTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
