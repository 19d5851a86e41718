namespace HiveOrleans.Moderation.Ocr;

/// <summary>What is done to a picture before tesseract reads it (docs/moderation.md, "OCR", says which steps help).</summary>
/// <param name="UpscaleBelow">A picture whose longer side is under this many pixels is enlarged to it (at most 3×); 0 turns it off.</param>
/// <param name="Binarise">Whether to threshold the grey picture at Otsu's level before tesseract (which binarises again itself).</param>
/// <param name="InvertDark">Whether a picture that is mostly dark (light text on dark) is inverted.</param>
/// <param name="BrightTextMask">
/// Whether to keep only near-white pixels enclosed by a dark outline, as black ink on white: a meme's outlined white
/// capitals with the photo behind them gone.
/// </param>
public sealed record OcrPreprocessing(int UpscaleBelow, bool Binarise, bool InvertDark, bool BrightTextMask = false)
{
    /// <summary>The meme pass: white text isolated from the photo.</summary>
    public static OcrPreprocessing Meme { get; } = new(UpscaleBelow: 1000, Binarise: false, InvertDark: false, BrightTextMask: true);

    /// <summary>
    /// The first pass: the picture grey, as it came. On the test pictures (docs/benchmarks.md, OCR) enlarging small
    /// pictures lost words on turned text, and inverting or thresholding changed nothing (tesseract 5 does both itself).
    /// </summary>
    public static OcrPreprocessing Default { get; } = new(UpscaleBelow: 0, Binarise: false, InvertDark: false);

    /// <summary>The picture as it came, turned grey.</summary>
    public static OcrPreprocessing None { get; } = new(0, false, false);
}
