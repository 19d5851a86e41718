namespace HiveOrleans.Moderation.Text;

/// <summary>Index of a head in <see cref="TextHeads.All"/>; <see cref="None"/> for words that only give context.</summary>
internal enum HeadIndex : byte
{
    Sexual = 0,
    Hate = 1,
    Violence = 2,
    Bullying = 3,
    Drugs = 4,
    SelfHarm = 5,
    Spam = 6,
    Promotions = 7,
    ChildExploitation = 8,
    Gibberish = 9,
    None = 255,
}
