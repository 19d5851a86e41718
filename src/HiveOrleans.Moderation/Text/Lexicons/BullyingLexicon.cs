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
        1 muppet/s|drama queen/s|try hard/s|tryhard/s|doughnut|know it all|knowitall|snitch/es|neckbeard/s|sad sack|brainbox|crybaby|attention seeker/s|pick me #insult
        2 slag/s|waste of a birth certificate|waste of skin|excuse for a father|excuse for a mother|excuse for a human|stain on #insult
        2 nobody invited you|no one invited you|nobody asked you|nobody asked u|no one asked you|nobody asked tho|nobody asked tbh|nobody asked lol|no one asked tbh|nobodys talking to you|nobody is talking to you|nobody replies to you|nobody sits next to you|nobodys going to miss you|nobody is going to miss you|no one is going to miss you|nobody would notice if you|no one would notice if you|laughing at you not with you|everyone is laughing at you|everyones laughing at you|everyone was laughing at you|youre not in it|you are not in it|youre out of the|dont bother coming|dont bother turning up|dont bother showing up|must be so disappointed|dance at your funeral|one less of you|dance on your grave|the reason we lost|you add nothing|add literally nothing|wasting perfectly good oxygen|wasting oxygen|pretend youre not there|you were a mistake|personality of a|get the hint|we voted you out #aimed
        3 just stop existing|please stop existing|pls stop existing|you should stop existing|just stop breathing|go play in traffic|play in traffic|jump in the canal|jump in the river|take a long walk off a short pier|put you out of your misery|if you topped yourself|nobody will come looking|do the world a favour|do us all a favour|hope you choke|hope u choke|hope you get hit by|hope u get hit by|hope your plane|hope you crash|hope you rot|hope you drown|hope you suffer #aimed
        1 shut up|get lost|go away|go to hell|you suck|ur trash|go cry|cry about it #aimed
        """;
}
