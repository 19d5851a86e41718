namespace HiveOrleans.Moderation.Text;

/// <summary>Scores for one sentence or line; indices are UTF-16 offsets into the original text, end exclusive.</summary>
public sealed record TextSpanResult(int StartCharIndex, int EndCharIndex, IReadOnlyList<HeadScore> Classes);
