namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Slurs and hate slogans score on their own. Group names, dehumanising words, negative traits and calls
/// for exclusion score nothing alone; the scorer combines them (a group plus "vermin" is hate 3).
/// </summary>
internal static class HateLexicon
{
    public const string Entries = """
        3 nigger/s|nigga/s|niggah|sandnigger/s|faggot/s|kike/s|spic/s|wetback/s|gook/s|raghead/s|towelhead/s|beaner/s|kaffir/s|chingchong|ching chong|zipperhead/s|porch monkey/s|jungle bunny|untermensch
        2 fag/s|tranny|trannies|shemale/s|paki/s|homo/s|wop/s|dago/s|redskin/s
        2 dyke/s|chink/s|coon/s|jap/s|spook/s|cracker/s|negro/es|queer/s #ambiguous
        3 white power|heil hitler|sieg heil|gas the jews|white genocide|race war now|jews will not replace us|ethnic cleansing|1488|14 88
        2 master race|race traitor/s|go back to your country|go back to where you came from|kkk|subhuman/s|ku klux klan
        0 jew/s|jewish|muslim/s|islam|islamic|christian/s|catholic/s|hindu/s|sikh/s|buddhist/s|atheist/s|black people|blacks|white people|whites|asian/s|arab/s|african/s|mexican/s|latino/s|latina/s|hispanic/s|chinese|indian/s|immigrant/s|migrant/s|refugee/s|gay/s|lesbian/s|homosexual/s|bisexual/s|transgender/s|trans people|trans|women|females|disabled|autistic|gypsies|roma|jamaican/s|pakistani/s|somali/s|nigerian/s|russian/s|ukrainian/s|palestinian/s|israeli/s #group #nofilter
        0 vermin|animals|subhumans|parasite/s|cockroach/es|rats|apes|monkeys|filth|plague|disease|diseased|savage/s|inferior|invaders|degenerate/s|mongrel/s|breeders|infestation|cancer|scum|not human|lesser #dehumanizing #nofilter
        0 criminals|terrorists|thieves|rapists|dirty|lazy|evil|dangerous|greedy|violent|primitive|backward|stupid|dumb|disgusting|worthless|pedophiles|freaks #negative-trait #nofilter
        0 deport/ed/ing|exterminate/d|extermination|eradicate/d|eliminate/d|genocide|wipe out|get rid of|ban all|purge|cleanse|send them back|kick out|dont belong|do not belong|shouldnt exist|should not exist|should be banned|not welcome|go back #exclusion #nofilter
        0 hate/s|despise|loathe|detest|cant stand #hate-verb #nofilter
        """;
}
