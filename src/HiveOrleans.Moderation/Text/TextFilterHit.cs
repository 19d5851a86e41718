namespace HiveOrleans.Moderation.Text;

/// <summary>A lexicon word or phrase found in the text; <see cref="Value"/> is the original substring at [StartIndex, EndIndex).</summary>
public sealed record TextFilterHit(string Value, int StartIndex, int EndIndex, string Type);
