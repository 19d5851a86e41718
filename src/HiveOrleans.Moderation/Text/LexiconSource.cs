namespace HiveOrleans.Moderation.Text;

/// <summary>
/// A lexicon as written: one entry per line, <c>severity phrase[|phrase…] [#flag…]</c>.
/// A phrase is words separated by spaces; <c>kill/s/ed/ing</c> on the last word adds those suffixed forms.
/// Flags are <see cref="WordRole"/> names in kebab case, plus <c>#nofilter</c>.
/// </summary>
internal sealed record LexiconSource(HeadIndex Head, string Entries);
