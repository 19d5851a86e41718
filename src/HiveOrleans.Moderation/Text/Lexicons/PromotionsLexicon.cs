namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Promotion signals, weighted like <see cref="SpamLexicon"/>: a span is a promotion when its weights,
/// plus "N% off", prices and links, reach 3. Calls to buy, follow, subscribe or visit are promotions on
/// their own, as Hive defines the head.
/// </summary>
internal static class PromotionsLexicon
{
    public const string Entries = """
        3 buy now|shop now|order now|promo code|discount code|coupon code|use code|use my code|use promo|link in bio|limited time offer|free shipping|flash sale|special offer|exclusive offer|exclusive deal|best deals|sale ends|while supplies last|shop the sale|get yours today|get yours now|order yours|pre order now|preorder now|swipe up|visit our store|visit our website|check out our|shop our|new collection|buy one get one
        3 subscribe to my|subscribe to our|follow me on|follow us on|follow my|follow our|like our page|check out my|visit my|visit our|shop my|stream my|download our|download my|try our|join my|join our|use my link|use my referral|referral link|referral code|for the price of|on sale now|everything must go|book now|call now|sign up now|sign up today
        3 shameless plug|vote for my|etsy shop|my etsy|no call out fee|if you checked it out|check out my page|check out my channel
        2 follow me|my page|my channel|link below|link in the comments|coupon/s|limited time|on sale|big sale|subscribe|available now|lowest price/s|best price/s|free trial|save up to|deals|giveaway|clearance|bogo|sponsored|affiliate|promo|black friday|cyber monday|in stock|order today|for sale|on offer|dont miss out|preorder/s|pre order/s|limited edition|grand opening|first 100 customers|first 50 customers|book your|order your|slots left|spots left|only a few left|prices slashed|price drop|shop the|shop this|now open|download the app|last chance|get your tickets|grab your tickets|buy your tickets|before they sell out
        1 sale|deal|offer|shop|store|price|free|cheap|order|brand|collection|follow|new arrivals|website|save|only|tickets|open now|sign up|almost gone|selling fast|come visit us|visit us
        """;
}
