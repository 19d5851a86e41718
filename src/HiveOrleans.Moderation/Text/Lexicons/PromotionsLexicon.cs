namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Promotion signals, weighted like <see cref="SpamLexicon"/>: a span is a promotion when its weights,
/// plus "N% off", prices and links, reach 3.
/// </summary>
internal static class PromotionsLexicon
{
    public const string Entries = """
        3 buy now|shop now|order now|promo code|discount code|coupon code|use code|use my code|use promo|link in bio|limited time offer|free shipping|flash sale|special offer|exclusive offer|exclusive deal|best deals|sale ends|while supplies last|shop the sale|get yours today|get yours now|order yours|pre order now|preorder now|swipe up|visit our store|visit our website|check out our|shop our|new collection|buy one get one
        2 discount/s/ed|coupon/s|limited time|on sale|big sale|check out my|visit my|subscribe to my|follow me on|follow us|available now|lowest price/s|best price/s|free trial|sign up now|sign up today|save up to|deals|giveaway|clearance|bogo|sponsored|affiliate|promo|black friday|cyber monday|in stock|order today|book now|call now|for sale|on offer|subscribe|dont miss out
        1 sale|deal|offer|shop|store|price|free|cheap|order|brand|collection|follow|new arrivals|website|save|only
        """;
}
