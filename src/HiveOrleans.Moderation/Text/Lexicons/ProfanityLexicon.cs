namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Swearing, reported as "profanity" filter hits. The severity is the bullying score when nobody is
/// addressed; aimed at the reader ("fuck you", "you fucking idiot") the scorer raises it. "fuck" can also
/// be a sexual verb ("wanna fuck?"), which the scorer tells apart from the expletive.
/// </summary>
internal static class ProfanityLexicon
{
    public const string Entries = """
        0 fuck/s/ed/ing/in|fck/s/ing/ed|fuk/s/ing/ed|fukin|phuck/ing|fuq #profanity #sex-verb
        0 fucker/s|fuckery|fking|fcking|fkn|fing|effing #profanity
        0 motherfucking|mofo|wtf|omfg|ffs|fml|af #profanity
        1 motherfucker/s|fuckface/s|fuckhead/s|fuckwit/s|shithead/s|dumbass/es|jackass/es|asshole/s|arsehole/s|dickhead/s|bastard/s|bitch/es/y|biatch|douchebag/s|douche/s|wanker/s|tosser/s|twat/s #profanity #insult
        2 cunt/s|cocksucker/s|son of a bitch|piece of shit|sack of shit|bag of shit|sons of bitches|shit for brains #profanity #insult
        0 shit/s/ty/ting|shite|bullshit|horseshit|batshit|apeshit|shitshow|shithole #profanity
        0 ass/es|arse|damn/ed/it|dammit|goddamn/ed|god damn|crap/py|piss/ed/ing|bollocks|bugger #profanity
        0 bitching|dick/s #profanity #insult #name-like
        2 fuck you|fuck u|fuck off|fuck ya|fuck yourself|screw you|screw u|eat shit|stfu|gtfo|shut the fuck up|shut the f up|go fuck yourself #profanity #aimed
        1 piss off|bugger off|sod off #profanity #aimed
        """;
}
