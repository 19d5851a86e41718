using HiveOrleans.Moderation.Text;

namespace HiveOrleans.Tests.Text;

/// <summary>Reading a <see cref="TextModerationResult"/> the way the tests ask about it.</summary>
internal static class TextResultAssertions
{
    public static int Score(this TextModerationResult result, string head) =>
        result.Overall.Single(score => score.Class == head).Score;

    public static TextFilterHit SingleHit(this TextModerationResult result, string type) =>
        Assert.Single(result.TextFilters, hit => hit.Type == type);

    /// <summary>Every reported hit's value is exactly the original text at its indices.</summary>
    public static void AssertHitsPointIntoOriginal(this TextModerationResult result, string text)
    {
        foreach (var hit in result.TextFilters)
        {
            Assert.Equal(hit.Value, text[hit.StartIndex..hit.EndIndex]);
        }

        foreach (var entity in result.PiiEntities)
        {
            Assert.Equal(entity.Value, text[entity.StartIndex..entity.EndIndex]);
        }
    }
}
