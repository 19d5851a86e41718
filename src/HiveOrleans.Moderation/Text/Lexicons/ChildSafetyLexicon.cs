namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Child exploitation (binary): explicit terms score 3; words for minors score nothing alone and make
/// sexual content, grooming, or trading pictures in the same or a neighbouring span score 3.
/// </summary>
internal static class ChildSafetyLexicon
{
    public const string Entries = """
        3 jailbait|child porn|childporn|kiddie porn|kiddy porn|child pornography|pthc|preteen nudes|underage nudes|lolicon|shotacon|pedo porn|kid nudes|kiddie nudes|child nudes|cp links
        3 cp #ambiguous
        0 child|children|kid/s|kiddo/s|minor/s|underage/d|preteen/s|pre teen/s|toddler/s|infant/s|teen/s|teenager/s|schoolgirl/s|schoolboy/s|little girl/s|little boy/s|young girl/s|young boy/s|loli/s|lolita|shota|under 13|under 14|under 15|under 16|under 17|under 18|7th grade|8th grade|9th grade|middle school|middle schooler/s|little sister|little brother|lil sister|lil sis|lil bro|baby sister #minor #nofilter
        """;
}
