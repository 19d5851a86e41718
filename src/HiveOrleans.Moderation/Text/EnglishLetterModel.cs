namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Letter-bigram log probabilities of English, learned at start-up from a built-in sample of ordinary
/// prose, with word boundaries as a 27th symbol. Used by <see cref="GibberishDetector"/>.
/// </summary>
internal static class EnglishLetterModel
{
    public const int Boundary = 26;

    private const string Sample = """
        The morning was quiet when she walked down to the harbour, where the fishing boats were already
        coming back with their nets full. Her brother had promised to meet her by the old lighthouse, but
        he was late again, as he always was. She sat on a wooden bench and watched the gulls fighting over
        scraps of bread that a child had thrown into the water. Somewhere behind her a radio was playing
        a song she remembered from school, and for a moment she thought about the summer they had spent
        painting the kitchen, arguing about colours and laughing until their mother came home.
        Our team released a new version of the application this week. It fixes several problems with the
        login page, improves the speed of searches, and adds support for exporting reports as spreadsheets.
        If you notice anything strange after updating, please contact the support desk and describe what
        happened, which device you were using, and whether the problem appears every time or only sometimes.
        Thanks for your patience while we worked through the changes; we could not have done it without the
        careful feedback from people who tried the early builds and told us honestly what was broken.
        Good evening everyone, and welcome to the community meeting. Tonight we will discuss the plans for
        the new park, the repairs to the bridge on the north road, and the budget for next year. The council
        has received many letters about traffic near the primary school, so we have asked an engineer to
        study the crossing and suggest improvements. Please keep questions short so that everybody who wants
        to speak has a chance. Refreshments are available at the back of the hall, and the library will stay
        open late for anyone who would like to look through the drawings.
        I honestly think this is the best pizza I have had in months. The crust was thin and crispy, the
        sauce tasted fresh, and they did not put too much cheese on it. My friends ordered pasta and a salad,
        which were also very good, although the waiter forgot our drinks twice. We will probably go back next
        weekend, maybe with my parents, because they love trying new restaurants in the neighbourhood.
        Scientists studying the climate of the distant past rely on clues hidden in ice, rocks, tree rings
        and the shells of tiny creatures that lived in the ocean. Each of these records captures a different
        part of the story, and by combining them researchers can estimate how temperatures, rainfall and sea
        levels changed over thousands of years. The work is slow and demanding, but it helps explain how the
        planet might respond to the changes we are causing today.
        Can you send me the address again? I think I wrote it down wrong, and my phone keeps showing a street
        on the other side of town. Also, should I bring anything for dinner, like dessert or something to drink?
        Let me know what time works for you and I will try to leave work a little earlier than usual.
        Writing clearly is a skill that anyone can improve with practice. Choose simple words, keep sentences
        short when the idea is complicated, and read your work aloud to hear where it stumbles. Above all,
        think about the person reading: what do they already know, what do they need, and what would make
        their day a little easier? Questions like these matter more than any rule of grammar.
        The children played in the garden until the light faded, chasing each other around the apple trees
        and building a small fort from branches, blankets and an old umbrella. Their grandfather watched from
        the porch, telling stories about his own childhood in a village by the mountains, where winters were
        long, snow covered the roofs, and everyone gathered in the evening to share food and news.
        Thank you for your order. Your package has shipped and should arrive within three to five business
        days. You can track the delivery from your account page. If something is missing or damaged, reply
        to this message with a photograph and we will arrange a replacement or a refund as quickly as possible.
        """;

    private static readonly float[] LogProbabilities = Learn();

    /// <summary>log P(next | previous), previous and next being 0–25 for a–z or <see cref="Boundary"/>.</summary>
    public static float LogProbability(int previous, int next) => LogProbabilities[(previous * 27) + next];

    private static float[] Learn()
    {
        var counts = new int[27 * 27];
        var previous = Boundary;
        foreach (var raw in Sample)
        {
            var c = char.ToLowerInvariant(raw);
            var current = c is >= 'a' and <= 'z' ? c - 'a' : Boundary;
            if (current == Boundary && previous == Boundary)
            {
                continue;
            }

            counts[(previous * 27) + current]++;
            previous = current;
        }

        // Add-k smoothing keeps unseen pairs finite but clearly unlikely.
        const float K = 0.1f;
        var table = new float[27 * 27];
        for (var p = 0; p < 27; p++)
        {
            var total = 0;
            for (var n = 0; n < 27; n++)
            {
                total += counts[(p * 27) + n];
            }

            for (var n = 0; n < 27; n++)
            {
                table[(p * 27) + n] = MathF.Log((counts[(p * 27) + n] + K) / (total + (27 * K)));
            }
        }

        return table;
    }
}
