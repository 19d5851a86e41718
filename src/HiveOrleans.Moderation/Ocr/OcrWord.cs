namespace HiveOrleans.Moderation.Ocr;

/// <summary>A word tesseract recognised: its text, its box in the submitted picture's pixels and its confidence (0–1).</summary>
public sealed record OcrWord(string Text, int Left, int Top, int Width, int Height, double Confidence);
