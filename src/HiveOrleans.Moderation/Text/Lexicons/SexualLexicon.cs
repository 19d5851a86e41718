namespace HiveOrleans.Moderation.Text;

/// <summary>Sexual content: 3 explicit acts, 2 sexual material and arousal, 1 suggestive or anatomical.</summary>
internal static class SexualLexicon
{
    public const string Entries = """
        3 blowjob/s|blow job/s|handjob/s|hand job/s|gangbang/s/ed|cumshot/s|creampie/s|deepthroat/ing|rimjob/s|titjob/s|footjob/s|bukkake|facesitting|cum inside|cum on
        3 suck my dick|suck my cock|suck my balls|suck me off|sit on my face|eat your pussy|eat my pussy|lick my pussy|lick your pussy|ride my dick|ride my cock|jerk me off|send nudes|send me nudes|send me pics|show me your tits|show me your boobs|show me your pussy|fuck her|fuck him|fucked her|fucked him|fuck me hard|bend over for me
        2 porn/o/s/y|pornography|pornographic|pornhub|xvideos|xhamster|hentai|rule34|xxx|masturbate/s/d|masturbating|masturbation|jerk off|jerking off|jack off|jacking off|wank/ing/ed|fap/ping|orgasm/s|cumming|dildo/s|vibrator/s|buttplug/s|strapon/s|fleshlight/s|nudes|nudez|noodz|noods|horny|sexting|sext/s/ing|camgirl/s|onlyfans|milf/s|bdsm|bondage|threesome/s|orgy|orgies|stripper/s|hooker/s|boobs|boobies|tits|titties|clit/s|clitoris|erection/s|boner/s|erotic|aroused|arousal|foreplay|have sex|had sex|having sex|sex with|sex tape|oral sex|anal sex|doggystyle|doggy style|nude pics|naked pics|dick pic/s
        2 dick/s|cock/s|pussy|pussies|anal|cum|escort/s #ambiguous #name-like
        1 sexy|sexual|sexually|naked|nude|kinky|kink/s|seductive|lingerie|intercourse|condom/s|hookup/s|thong/s|nsfw|penis/es|vagina/s|nipple/s|genitals|fetish/es|slutty
        1 sex|balls|tit|booty|make out #ambiguous
        """;
}
