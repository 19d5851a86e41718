namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Sexual content, on Hive's levels: 3 sexual acts, masturbation, porn, sex toys and genitals; 2 sexual intent,
/// nudity and lingerie; 1 suggestive words, flirting and informational mentions ("sex education").
/// Slang with innocent senses (cock, pussy, hookup) scores only with sexual context in the span.
/// </summary>
internal static class SexualLexicon
{
    public const string Entries = """
        3 blowjob/s|blow job/s|handjob/s|hand job/s|gangbang/s/ed|cumshot/s|creampie/s|deepthroat/ing|rimjob/s|titjob/s|footjob/s|bukkake|facesitting|cum inside|cum on|cumming|jizz
        3 eat her out|ate her out|eating her out|eat me out|ate me out|eat you out|eating you out|eat my ass|finger me|fingering her|fingered her
        3 suck my dick|suck my cock|suck my balls|suck me off|sucked me off|sucking me off|sucks me off|sucked him off|sucked his dick|sucked his cock|sit on my face|eat your pussy|eat my pussy|lick my pussy|lick your pussy|ride my dick|ride my cock|jerk me off|fuck her|fuck him|fucked her|fucked him|fuck me hard|bend over for me
        3 porn/o/s/y|pornography|pornographic|pornhub|xvideos|xhamster|hentai|rule34|xxx|masturbate/s/d|masturbating|masturbation|jerk off|jerking off|jerked off|jack off|jacking off|wank/s/ing/ed|fap/s/ping|dildo/s|vibrator/s|buttplug/s|strapon/s|fleshlight/s|sex toy/s|orgasm/s|clit/s|clitoris|erection/s|boner/s|anal sex|oral sex|doggystyle|doggy style|sex tape/s|dick pic/s|cock pic/s
        2 nudes|nudez|noodz|noods|horny|sexting|sext/s/ed|camgirl/s|onlyfans|milf/s|bdsm|bondage|stripper/s|hooker/s|boobs|boobies|tits|titties|erotic|aroused|arousal|foreplay|nude pics|naked pics|have sex|had sex|having sex|sex with|dtf|fwb|feet pics|feet pic|foot pics|feet content|nsa fun|nsa hookup|no strings attached|sex chat|sexchat|booty call|im so wet|so wet for you|wet for you|makes me wet|got me wet|so hard for you|rock hard for you|send nudes|send me nudes|send me pics|show me your tits|show me your boobs|threesome/s|orgy|orgies|lingerie|sexxx
        3 dick/s|cock/s|pussy|pussies #ambiguous #name-like #genital
        3 anal|cum #ambiguous #name-like
        2 escort/s|hookup/s|hook up|moan/s/ed/ing #ambiguous
        2 naked|nude|topless|undressed|no clothes on|without clothes|without any clothes|with no clothes|underwear|panties|bra|undies #nudity
        3 bend you over|bend u over|a hard on|my hard on|his hard on|hardon|getting railed|got railed|railed|came so hard|taste you until|touch myself on cam|squirting
        2 full frontal|no strings fun|no strings tonight|swinger/s|looking for a third|not wearing a thing|do anything to me|get you into bed|get u into bed|sleep together|skinny dipping|strip for me|discreet hotel
        1 netflix and chill|did things to me|flirty|naughty mood|good kisser|keep me warm|want a peek|giving me ideas|under the duvet
        1 sexy|sexual|sexually|kinky|kink/s|seductive|intercourse|condom/s|thong/s|nsfw|penis/es|vagina/s|nipple/s|genitals|fetish/es|slutty|sex
        1 balls|tit|booty|make out|making out #ambiguous
        1 slut/s/ty|whore/s|skank/s|thot/s #nofilter
        0 bang/s/ed/ing #sex-verb #nofilter
        1 hot|thicc #ambiguous #flirt
        """;
}
