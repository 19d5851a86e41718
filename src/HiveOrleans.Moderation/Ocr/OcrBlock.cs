namespace HiveOrleans.Moderation.Ocr;

/// <summary>
/// One of tesseract's text blocks: its lines joined by newlines, words by single spaces, and the words in reading order.
/// </summary>
public sealed record OcrBlock(string Text, IReadOnlyList<OcrWord> Words);
