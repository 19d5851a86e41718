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
        3 mature for your age|mature for ur age|age is just a number|do your parents check your phone|parents check your phone|your parents wouldnt understand|ur parents wouldnt understand|parents dont know about|hide it from your mum|hide it from your mom|hide it from your parents|your mum will never know|ur mum will never know|your mom will never know|so your mum doesnt ask|once your mums asleep|once ur mums asleep|once your parents are asleep|parents usually go to bed|dont mention me to your|keep it from your|keep this from your|does anyone else know we talk|nobody else needs to know|whats your school called|wats ur school called|whats ur school called|primary or secondary|which gate do you come out|your school timetable|in your school uniform|in ur school uniform|way older than 13|way older than 14|secret boyfriend|if your parents find out|if ur parents find out|show you how to hide it #grooming
        0 how old are you|how old r u|how old are u|what age are you|what year are you in|u in year|you in year|youre in year|ur in year|just between us|keep this quiet|lets keep this quiet|dont tell anyone|move to whatsapp|talk on snap|kik me|on snap instead|messages vanish|nobody can snoop|pic of you|pics of you|pic of ur|photo of you|send me a selfie|send a selfie|video of you|send some photos|ill send first|seem really mature|youre special to me|youre my favourite|dont deserve you|i actually get you|not like other adults|listen better than your parents|when you can call me|safe to message|come round mine|come to mine instead|meet up before|your postcode|ur postcode|your own phone|allowed snapchat|your own room|what youre wearing|what ur wearing|grown up than|what school do you go to|which school do you go to|what school are you at|are you home alone|r u home alone|walk home by yourself|delete our messages|delete this convo|delete our convo|move this to snap|move this to whatsapp|move this to telegram|move this to discord|lets talk on snap|lets talk on whatsapp|lets talk on discord|add me on snap|add me on discord|add me on kik #grooming #nofilter
        0 child|children|kid/s|kiddo/s|minor/s|underage/d|preteen/s|pre teen/s|toddler/s|infant/s|teen/s|teenager/s|schoolgirl/s|schoolboy/s|little girl/s|little boy/s|young girl/s|young boy/s|loli/s|lolita|shota|under 13|under 14|under 15|under 16|under 17|under 18|7th grade|8th grade|9th grade|middle school|middle schooler/s|little sister|little brother|lil sister|lil sis|lil bro|baby sister #minor #nofilter
        """;
}
