namespace HiveOrleans.Moderation.Text;

/// <summary>One head's severity for a span: 0 (clean) to 3 (severe); binary heads use only 0 and 3.</summary>
public sealed record HeadScore(string Class, int Score);
