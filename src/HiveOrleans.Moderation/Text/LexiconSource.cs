namespace HiveOrleans.Moderation.Text;

/// <summary>
/// A lexicon as written: one entry per line, <c>severity phrase[|phrase…] [#flag…]</c>.
/// A phrase is words separated by spaces; <c>kill/s/ed/ing</c> on the last word adds those suffixed forms.
/// Flags are <see cref="WordRole"/> names in kebab case, plus <c>#nofilter</c> and <c>#english-only</c> (an English word
/// that is an everyday word of another covered language, like "die" in German: not scored in text detected as that)
/// and <c>#object-first</c> (a second-person object that precedes its verb: "te", "ti", "dich").
/// <see cref="Language"/> is the <see cref="LanguageProfiles"/> index of the language the entries are written in.
/// </summary>
internal sealed record LexiconSource(HeadIndex Head, string Entries, int Language = LanguageProfiles.English);
