namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Slurs and hate slogans score on their own. Group names, dehumanising words, negative traits and calls
/// for exclusion score nothing alone; the scorer combines them (a group plus "vermin" is hate 3). Slurs
/// name a group too, so "homos should not exist" combines the same way.
/// </summary>
internal static class HateLexicon
{
    public const string Entries = """
        3 nigger/s|nigga/s|niggah|sandnigger/s|faggot/s|fag/s|kike/s|spic/s|wetback/s|gook/s|raghead/s|towelhead/s|beaner/s|kaffir/s|chingchong|ching chong|zipperhead/s|porch monkey/s|jungle bunny|untermensch|tranny|trannies|paki/s|muzzie/s|muzzy|wop/s|dago/s #group
        2 shemale/s|homo/s|redskin/s #group
        3 dyke/s|chink/s|coon/s|jap/s|spook/s #ambiguous
        2 cracker/s|negro/es|queer/s #ambiguous
        3 white power|heil hitler|sieg heil|gas the jews|white genocide|race war now|jews will not replace us|ethnic cleansing|1488|14 88|holocaust never happened|holocaust didnt happen|holocaust did not happen|holocaust is a lie|holocaust was a lie|holocaust is a hoax|holocaust was a hoax|holocaust was fake|holohoax
        2 master race|race traitor/s|go back to your country|go back to where you came from|subhuman/s
        1 kkk #english-only
        1 ku klux klan|nazi/s|neo nazi/s|swastika/s
        0 jew/s|jewish|muslim/s|islam|islamic|christian/s|catholic/s|hindu/s|sikh/s|buddhist/s|atheist/s|black people|blacks|white people|whites|asian/s|arab/s|african/s|mexican/s|latino/s|latina/s|hispanic/s|chinese|indian/s|immigrant/s|migrant/s|refugee/s|gay/s|lesbian/s|homosexual/s|bisexual/s|transgender/s|trans people|trans|women|females|disabled|disabled people|autistic|gypsies|roma|jamaican/s|pakistani/s|somali/s|nigerian/s|russian/s|ukrainian/s|palestinian/s|israeli/s|infidels|kuffar|black guy/s|black man|black men|black woman|black women|black person|black folks|black kids|gay people|gay men #group #nofilter
        0 vermin|animals|subhumans|parasite/s|cockroach/es|rats|apes|monkeys|filth|plague|disease|diseased|savage/s|inferior|invaders|degenerate/s|mongrel/s|breeders|infestation|infesting|cancer|scum|not human|lesser|abomination/s|virus|perverts|godless|the only good #dehumanizing #nofilter
        0 criminals|terrorists|thieves|rapists|dirty|lazy|evil|dangerous|greedy|violent|primitive|backward|stupid|dumb|disgusting|worthless|pedophiles|paedophiles|groomers|predators|freaks|filthy|smelly|stinky|ugly|inbred|uncivilized|uncivilised|barbaric|barbarians|mentally ill|a burden|control the media|control the banks|control the world|control everything|control the government|run the media|run the banks|run the world|run hollywood|own the media|own the banks|behind everything|belong in the kitchen|back to the kitchen|make me a sandwich #negative-trait #nofilter
        0 naturally good|good at math|good at maths|good with money|bad at driving|cant drive|genetically|inherently|by nature|all look the same #stereotype #nofilter
        0 deport/ed/ing|exterminate/d|extermination|eradicate/d|eliminate/d|genocide|wipe out|wiped out|get rid of|ban all|purge|cleanse|send them back|kick out|dont belong|do not belong|shouldnt exist|should not exist|should be banned|not welcome|go back|put in camps|sent to camps|in camps|rounded up|gassed|sterilized|sterilised|euthanized|euthanised|out of our country|out of my country #exclusion #nofilter
        0 polish|poles|irish|germans|french|americans|yanks|brits|scots|scottish|welsh|italians|dutch|australians|albanians|filipino/s|romanians|northerners|northerner|southerners|londoners|travellers|gypsy|boat people|religious people|old people|boomers|gen z|teenage girls|trans women|trans men|disabled person|special needs|down syndrome|retards #group #nofilter
        0 subhuman|vegetables|barely human|not even human|bacteria|multiply like|breed like|swarm|pest/s|pest problem|feral|strays|ticks|weeds|mutants|same level as|are property|a drain|be put down|put down like|carrier/s|breeding programme|infest/s|live like animals|like animals|not fully evolved #dehumanizing #nofilter
        0 drunks|cheat/s|scammers|nonces|in gangs|too emotional|senile|victim card|play the victim|cant help themselves|faking it|cut corners|barely speak|owns all|own all of|tick the diversity box|diversity hire #negative-trait #nofilter
        0 rude|grumpy|loud|entitled|judgemental|judgmental|a bit slow|so soft|dramatic|blunt|all the same|tight with money|cant drive #stereotype #nofilter
        0 shouldnt be allowed to|should not be allowed to|not be allowed to vote #exclusion #nofilter
        0 hate/s|despise|loathe|detest|cant stand #hate-verb #nofilter
        """;
}
