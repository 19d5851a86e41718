namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Child exploitation (binary): explicit terms score 3; words for minors score nothing alone and make
/// any sexual content in the same span score 3.
/// </summary>
internal static class ChildSafetyLexicon
{
    public const string Entries = """
        3 jailbait|child porn|childporn|kiddie porn|kiddy porn|child pornography|pthc|preteen nudes|underage nudes|lolicon|shotacon|pedo porn
        3 cp #ambiguous
        0 child|children|kid/s|kiddo/s|minor/s|underage|preteen/s|toddler/s|infant/s|teen/s|teenager/s|schoolgirl/s|schoolboy/s|little girl/s|little boy/s|young girl/s|young boy/s|loli/s|lolita|shota #minor #nofilter
        """;
}
