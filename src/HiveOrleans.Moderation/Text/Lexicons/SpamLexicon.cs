namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Spam signals. Severity is a weight, not a score: a span is spam when its weights, plus the
/// link, repetition, capitals and money signals, reach 3.
/// </summary>
internal static class SpamLexicon
{
    public const string Entries = """
        3 click here|click the link|click this link|click link|claim your prize|claim your reward|claim now|you have won|you won|you have been selected|congratulations you|free money|get rich quick|make money fast|make money online|earn money online|earn money from home|work from home|double your money|double your bitcoin|risk free|act now|viagra|cialis|hot singles|singles in your area|dm me for|whatsapp me|message me on whatsapp|text me on whatsapp|investment opportunity|wire transfer|send bitcoin|crypto giveaway|free followers|free robux|free vbucks|limited spots|lottery winner|cash prize|free gift card|100 guaranteed|guaranteed income|no credit check
        2 dm me|inbox me|whatsapp|telegram|crypto|bitcoin|btc|forex|passive income|winner|prize|lottery|casino|jackpot|followers|guaranteed|free gift|gift card/s|earn|income|profit/s|payout|subscribers
        1 message me|contact me|text me|free|cash|money|bonus|limited|exclusive|instant|urgent|investment/s|act fast|amazing|opportunity|hurry
        """;
}
