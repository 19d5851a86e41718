using System.Globalization;

namespace HiveOrleans.Bench;

/// <summary>
/// Short chat-like messages, benign and harmful, about 100 characters each. Every text gets a sequence number so
/// that no two submissions hash alike: the project's result cache would otherwise answer repeats without the model.
/// </summary>
internal static class SampleTexts
{
    private static readonly string[] Messages =
    [
        "Thanks for the quick delivery, the package arrived a day early and everything was intact. Great job!",
        "Does anyone know if the downtown library is open on Sunday afternoons? I need to return some books.",
        "Just finished the marathon in under four hours, legs are jelly but I am so happy right now honestly.",
        "Can we move the standup to 10:30 tomorrow? I have a dentist appointment first thing in the morning.",
        "The new update broke dark mode on my phone, the settings page is blinding white now. Any workaround?",
        "Recipe tip: toast the cumin seeds before grinding them, it makes the whole curry taste so much better.",
        "I will find where you live and kill you, you worthless idiot. Watch your back when you leave tonight.",
        "You are so stupid and ugly, nobody at school likes you. Just disappear already, loser, we all hate you.",
        "Buy now!!! 50% off all watches, limited time only, DM me at +1 415 555 0100 or visit cheap-deals.biz",
        "Selling weed and pills, fast discreet shipping anywhere, message me on the other app for the price list.",
        "Contact me at jane.doe@example.com or call 212-555-0199, my card number is 4111 1111 1111 1111 thanks.",
        "I can't take this anymore, I've been thinking about ending it all tonight. Nobody would even notice.",
        "People like them are vermin and should be driven out of this country, every last one of them, now.",
        "Send me your nudes or I'll share the pictures you already sent with everyone in your contact list.",
        "asdkjh qwpoeiru zmxncbv lkjhasd poiuqwer mnbvzx qwerty asdfgh zxcvbn poiuyt lkjhgf mnbvcx qweasd zxc",
        "Great match last night! That last-minute goal was unbelievable, the whole stadium went absolutely wild.",
    ];

    public static string For(long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{Messages[sequence % Messages.Length]} #{sequence}");
}
