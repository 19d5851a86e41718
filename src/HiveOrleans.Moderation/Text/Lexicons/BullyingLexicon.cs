namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Insults and harassment. Severity is the score when not aimed at anyone (0 for words that are only
/// insults when said of the reader, like "stupid"); aimed, insults score 2 or more, profane ones 3.
/// </summary>
internal static class BullyingLexicon
{
    public const string Entries = """
        1 idiot/s/ic|moron/s/ic|imbecile/s|cretin/s|dimwit/s|halfwit/s|nitwit/s|dipshit/s|numbnuts|scumbag/s|lowlife/s|loser/s|dork/s|weirdo/s|freak/s|creep/s/y|jerk/s|fatso|fatty|lardass|dumbo|simpleton/s|buffoon/s|doofus|twit/s|wimp/s|crybaby|cry baby|snowflake/s|wuss|sissy #insult
        2 retard/s/ed|tard/s|slut/s/ty|whore/s|skank/s|thot/s #insult
        1 hoe/s|prick/s|cow|pig/s|clown/s|trash|garbage|rat|joke|embarrassment|disgrace|laughingstock|laughing stock|troll/s|goblin|gremlin|caveman|neanderthal|toad #insult #ambiguous
        0 stupid/er/est|dumb/er/est|ugly/est|fat|pathetic|worthless|useless|disgusting|gross|failure|ignorant|lame|annoying|brainless|spineless|coward/s|hideous|repulsive|incompetent|braindead|stupidest|dense|filthy #insult
        3 kill yourself|kill urself|kill your self|kys|neck yourself|go kill yourself|end yourself|go die|die in a hole|crawl in a hole and die #aimed
        2 nobody likes you|no one likes you|everyone hates you|everybody hates you|nobody loves you|no one loves you|nobody cares about you|no one cares about you|nobody wants you|no one wants you|nobody needs you|no one needs you|nobody would miss you|no one would miss you|nobody will miss you|no one will miss you|waste of space|waste of oxygen|waste of air|you should be ashamed|you make me sick|should have aborted you|shouldve aborted you|should have been aborted|shouldve been aborted #aimed
        1 shut up|get lost|go away|go to hell|you suck|ur trash|go cry|cry about it #aimed
        """;
}
