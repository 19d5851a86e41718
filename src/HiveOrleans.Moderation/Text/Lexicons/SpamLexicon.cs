namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Spam signals. Severity is a weight, not a score: a span is spam when its weights, plus the
/// link, repetition, capitals and money signals, reach 3.
/// </summary>
internal static class SpamLexicon
{
    public const string Entries = """
        3 click here|click the link|click this link|click link|claim your prize|claim your reward|claim now|you have won|you won|you have been selected|congratulations you|free money|get rich quick|make money fast|make money online|earn money online|earn money from home|work from home|double your money|double your bitcoin|risk free|act now|viagra|cialis|hot singles|singles in your area|dm me for|whatsapp me|message me on whatsapp|text me on whatsapp|investment opportunity|wire transfer|send bitcoin|crypto giveaway|free followers|free robux|free vbucks|free v bucks|limited spots|lottery winner|cash prize|free gift card|100 guaranteed|guaranteed income|no credit check
        3 account has been suspended|account suspended|account will be suspended|verify your account|verify your details|verify your identity|confirm your details|confirm your account|unusual activity|unusual sign in|bank details|bank account details|next of kin|inheritance|beneficiary|buy followers|buy likes|instagram likes|buy views|youtube views|miracle pill/s|miracle cure|weight loss pill/s|diet pill/s|lose weight fast|ask me how|could not be delivered|update your address|update your payment|confirm your address|package is on hold|redelivery
        3 connect your wallet|seed phrase|youve been selected|you ve been selected|claim within|share to be chosen|comment amen|cashapp flip|money flip|send 50 get|send 100 get
        2 airdrop|whitelist|mint link|new payee|fraud team|100 legit|legit|spots left|claim your|dm me|inbox me|whatsapp|telegram|crypto|bitcoin|btc|forex|passive income|winner|prize|lottery|casino|jackpot|followers|guaranteed|free gift|gift card/s|earn|income|profit/s|payout|subscribers|no experience needed|no experience required|million dollars|million usd
        1 message me|contact me|text me|free|cash|money|bonus|limited|exclusive|instant|urgent|investment/s|act fast|amazing|opportunity|hurry
        """;
}
