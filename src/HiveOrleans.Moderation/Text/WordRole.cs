namespace HiveOrleans.Moderation.Text;

/// <summary>What a lexicon word does in the context rules, besides scoring its own head.</summary>
[Flags]
internal enum WordRole : ulong
{
    None = 0,

    /// <summary>A swear word; always reported as a "profanity" filter hit.</summary>
    Profanity = 1UL << 0,

    /// <summary>An insult: scores bullying when aimed at the person addressed.</summary>
    Insult = 1UL << 1,

    /// <summary>Aimed by its own wording ("fuck off", "kys"): scores its severity as bullying without a "you" nearby.</summary>
    Aimed = 1UL << 2,

    /// <summary>A violent act whose severity depends on its object and on intent ("I will kill you" vs "kill the process").</summary>
    ViolentAct = 1UL << 3,

    /// <summary>A violent act that threatens less than death (punch, slap): threats top out at 2.</summary>
    Weak = 1UL << 4,

    /// <summary>die / dead: scores only as a wish aimed at someone, or as first-person self-harm intent.</summary>
    DeathWord = 1UL << 5,

    /// <summary>An act that with "myself" after it is self-harm (kill, cut, hurt, hang, starve).</summary>
    SelfAct = 1UL << 6,

    /// <summary>A self-harm topic word (suicide, suicidal): severe only with first-person intent.</summary>
    SelfHarmTopic = 1UL << 7,

    /// <summary>Has innocent senses (coke, pussy, crack): scores only with same-head context in the span.</summary>
    Ambiguous = 1UL << 8,

    /// <summary>Also a given name (Dick, Molly): ignored when written in title case mid-sentence.</summary>
    NameLike = 1UL << 9,

    /// <summary>A protected group (religion, ethnicity, orientation, gender, disability).</summary>
    Group = 1UL << 10,

    /// <summary>Dehumanising when said of a group (vermin, parasites).</summary>
    Dehumanizing = 1UL << 11,

    /// <summary>A negative generalisation when said of a group (criminals, lazy).</summary>
    NegativeTrait = 1UL << 12,

    /// <summary>Calls for removing a group (deport, exterminate).</summary>
    Exclusion = 1UL << 13,

    /// <summary>hate, despise.</summary>
    HateVerb = 1UL << 14,

    /// <summary>A minor (child, kid, underage).</summary>
    Minor = 1UL << 15,

    /// <summary>Using drugs or their quantities (smoke, snort, gram).</summary>
    DrugActivity = 1UL << 16,

    /// <summary>Dealing: selling and its slang (sell, dealer, plug, hmu). Makes street names count as drugs.</summary>
    Trade = 1UL << 17,

    /// <summary>Makes an ambiguous sexual word sexual (suck, lick, naked).</summary>
    SexualContext = 1UL << 18,

    /// <summary>you, u, your, ur.</summary>
    SecondPerson = 1UL << 19,

    /// <summary>yourself: addressed, but not a target a threat is aimed at.</summary>
    Reflexive = 1UL << 20,

    /// <summary>I, I'm, I'll, we: first-person subjects.</summary>
    FirstPerson = 1UL << 21,

    /// <summary>me.</summary>
    Me = 1UL << 22,

    /// <summary>myself.</summary>
    Myself = 1UL << 23,

    /// <summary>he, she, him, them.</summary>
    ThirdPerson = 1UL << 24,

    /// <summary>People a threat can be aimed at (everyone, family, teacher) and places (school).</summary>
    PersonNoun = 1UL << 25,

    /// <summary>will, gonna, going, want: intent.</summary>
    Intent = 1UL << 26,

    /// <summary>should, hope, deserve: wishing something on someone.</summary>
    Wish = 1UL << 27,

    /// <summary>feel, am, I'm: states of mind.</summary>
    Feel = 1UL << 28,

    /// <summary>Objects that make a violent verb idiomatic (process, time, it).</summary>
    IdiomObject = 1UL << 29,

    /// <summary>not, never, don't.</summary>
    Negation = 1UL << 30,

    /// <summary>the, a, so, are: skipped when walking from a verb to its object or from an insult to its target.</summary>
    Filler = 1UL << 31,

    /// <summary>go, just, pls before a verb: imperative.</summary>
    Imperative = 1UL << 32,

    /// <summary>An English function word, for language detection.</summary>
    Stopword = 1UL << 33,

    /// <summary>"off", for "50% off".</summary>
    Off = 1UL << 34,

    /// <summary>Units of time for "per day/week" money claims.</summary>
    Period = 1UL << 35,

    /// <summary>earn, make: money claims.</summary>
    Earn = 1UL << 36,

    /// <summary>year, yo: age after a number.</summary>
    AgeUnit = 1UL << 37,

    /// <summary>Weapons; act like violent acts in a threat frame.</summary>
    Weapon = 1UL << 38,

    /// <summary>Words after a death word that make it an idiom (of, laughing).</summary>
    DeathIdiom = 1UL << 39,

    /// <summary>dollars, usd, bucks.</summary>
    Currency = 1UL << 40,

    /// <summary>Words between a first-person state and a self-harm topic ("thinking about", "commit").</summary>
    SelfHarmBridge = 1UL << 41,

    /// <summary>Words after "cut myself" that make it an accident (while, shaving, accidentally).</summary>
    Mishap = 1UL << 42,

    /// <summary>Ordinary buying (buy, price, delivery): escalates unmistakable drugs, not street names.</summary>
    Commerce = 1UL << 43,

    /// <summary>A fixed innocent expression ("hate crime", "blue tit", "cum laude"): its words match nothing else.</summary>
    Benign = 1UL << 44,

    /// <summary>Slang for genitals (dick, cock, pussy): sexual 3 when the sexual sense is clear.</summary>
    Genital = 1UL << 45,

    /// <summary>Nudity (naked, nude): sexual 2 when said of a person.</summary>
    Nudity = 1UL << 46,

    /// <summary>"fuck" and its forms: sexual when it has a sexual subject or object rather than being an expletive.</summary>
    SexVerb = 1UL << 47,

    /// <summary>A word that makes "hot" or "fine" flirting when aimed at the reader.</summary>
    Flirt = 1UL << 48,

    /// <summary>Grooming: secrecy, isolation, flattery about age ("don't tell your parents", "mature for your age").</summary>
    Grooming = 1UL << 49,

    /// <summary>Pictures and videos (pics, vids, content): with minors and trading, child exploitation.</summary>
    Media = 1UL << 50,

    /// <summary>A generalisation about a group that is not yet an insult ("naturally good at math"): hate 1.</summary>
    Stereotype = 1UL << 51,

    /// <summary>A way to die (jump off a bridge, drink bleach): self-harm when first person, bullying when urged on the reader.</summary>
    SelfHarmMethod = 1UL << 52,

    /// <summary>Parts of a body (face, jaw, neck): "break his jaw" aims a violent act at a person.</summary>
    BodyPart = 1UL << 53,

    /// <summary>be, get, got: a violent participle after it is passive ("deserve to be shot").</summary>
    Passive = 1UL << 54,

    /// <summary>if, unless: "my boss will kill me if I'm late" is a figure of speech.</summary>
    Conditional = 1UL << 55,

    /// <summary>hey, yo, oi: the insult that follows is addressed to the reader.</summary>
    Vocative = 1UL << 56,

    /// <summary>Words before a bare number that make it an age: "she's 14", "only 13", "under 16".</summary>
    AgeCue = 1UL << 57,

    /// <summary>Sexual acts done to a person (lick, suck, ride): sexual 2 with a person as object.</summary>
    SexAct = 1UL << 58,

    /// <summary>Leave-taking (goodbye everyone, forgive me): adds to a self-harm signal in the same span.</summary>
    Farewell = 1UL << 59,

    /// <summary>chat, meet, talk: an adult giving their age and seeking contact with a minor is grooming.</summary>
    Contact = 1UL << 60,

    /// <summary>A lethal outcome (to death, stopped breathing): a weak act that reaches it is not weak.</summary>
    Lethal = 1UL << 61,

    /// <summary>
    /// Weak evidence of drugs: slang that is also an everyday word ("loud", "gas") needs use or quantities,
    /// not only selling; a generic word ("drug prices") rises with dealing, not with ordinary commerce.
    /// </summary>
    WeakDrugTerm = 1UL << 62,

    /// <summary>
    /// A veiled consequence or a watch kept on the reader's places and routines ("be a shame if", "I know which bus you take"):
    /// one of each in a message addressed to the reader is a threat without any violent word.
    /// </summary>
    Menace = 1UL << 63,
}
