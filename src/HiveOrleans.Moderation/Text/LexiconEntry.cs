namespace HiveOrleans.Moderation.Text;

/// <summary>One compiled word or phrase: the keys of its tokens and what a match means.</summary>
internal sealed class LexiconEntry(string text, HeadIndex head, int severity, WordRole roles, string? filterType, LexiconKey[] tokens, bool isCustom = false, byte languages = 0, bool englishOnly = false, bool objectFirst = false)
{
    public string Text { get; } = text;

    public HeadIndex Head { get; } = head;

    public int Severity { get; } = severity;

    public WordRole Roles { get; } = roles;

    /// <summary>The <see cref="TextFilterHit.Type"/> a match reports, or null for signals that are not filter hits.</summary>
    public string? FilterType { get; } = filterType;

    public LexiconKey[] Tokens { get; } = tokens;

    /// <summary>A term of a project's blocklist or allowlist rather than of the built-in lexicons.</summary>
    public bool IsCustom { get; } = isCustom;

    /// <summary>The languages (bits of <see cref="LanguageProfiles.Bit"/>) whose lexicons list this entry: evidence for language detection.</summary>
    public byte Languages { get; } = languages;

    /// <summary>Not scored in text detected as another covered language, where it is an everyday word (<c>#english-only</c>).</summary>
    public bool EnglishOnly { get; } = englishOnly;

    /// <summary>A second-person object that comes before its verb in its language (<c>#object-first</c>: "te", "ti", "dich").</summary>
    public bool ObjectFirst { get; } = objectFirst;

    public bool Has(WordRole role) => (Roles & role) != 0;
}
