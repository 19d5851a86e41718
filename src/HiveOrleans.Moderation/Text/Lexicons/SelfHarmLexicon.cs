namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Self-harm: 3 intent, plans and looking for a method; 2 ideation, eating-disorder and self-injury behaviour;
/// 1 mentions and hyperbole. Topic words (suicide, overdose) rise to 3 with first-person intent; ways to die
/// are self-harm said of oneself and bullying urged on the reader; "kill/cut/hurt ... myself" is scored
/// from the self-act roles. Two signals in one span add up.
/// </summary>
internal static class SelfHarmLexicon
{
    public const string Entries = """
        3 end my life|end my own life|take my life|take my own life|ending my life|slit my wrists|slitting my wrists|cut my wrists|cutting my wrists|dont want to live|do not want to live|dont want to be alive|dont wanna live|no reason to live|nothing to live for|want to be dead|wish i was dead|wish i were dead|suicide note|overdose on purpose
        3 how many pills|lethal dose|painless way to die|easiest way to die|quickest way to die|best way to die|how to kill myself|how to overdose|how to commit suicide|way to end my life|ways to kill myself
        2 better off dead|never wake up|pro ana|proana|thinspo|thinspiration|meanspo|bonespo|wish i was never born|wish i had never been born
        2 would care if i died|would notice if i died|would miss me if i died|better off without me|dont want to be here anymore|do not want to be here anymore|dont want to exist|tired of being alive|tired of living|sick of being alive|sick of living|not worth living|point in living|isnt worth living|aint worth living|no point in living|no point living|point of living|wish i could disappear|want to disappear|disappear forever|if i was gone|if i were gone|without me around|dont want to wake up|want it all to end|only way out
        2 purging after|purging again|binge and purge|binging and purging|bingeing and purging|make myself throw up|making myself throw up|made myself throw up|cutting again|started cutting|my scars|self harming|selfharming
        1 kms|end it all|ending it all|take all my pills|took all my pills|taking all my pills|swallow all my pills|too many pills|took too many|swallowed too many|overdose/d/s|overdosing|suicide|suicidal|self harm|selfharm|self injury|self mutilation|anorexia|anorexic|bulimia|bulimic #self-harm-topic
        1 cant take it anymore|cant do this anymore|hate myself|deserve to hurt|deserve to suffer|deserve the pain
        3 wont be anyones problem|not be anyones problem|dont try to find me|dont come looking for me|not coming back from this|by then it wont matter|written my note|saved up enough|stockpiled|take the whole pack|how many paracetamol|how many tablets|how many sleeping pills|deep enough this time|pills lined up|pills are lined up|pills are all lined up|given my things away|giving my things away|given all my stuff away|wont have to worry about me|worry about me much longer|around much longer|wont be needing it after #farewell
        2 wouldnt wake up|would not wake up|if a bus hit me|heaven sounds|no food tomorrow|my hip bones|collarbone look|safe foods|weigh ins|ana buddy|ana buddies|brought it all back up|chewed and spat|skipping lunch and dinner|starving till|hiding food|let myself eat|feel huge|purged again|purged after eating|purged after dinner|laxatives after|laxatives to lose|relapsed with the blade|burned my arm|burn myself|urge to cut|punch walls|punching walls|punch the wall till
        1 kill me now|walk into the sea|walk into traffic|fling myself|yeet myself|delete myself|sewerslide|unalive myself|buried alive|face down in a ditch|off the office roof|straight in the canal|looking tempting
        3 jump off a bridge|jump off the bridge|jumping off a bridge|jumping off the bridge|jump off a building|jumping off a building|jump off the roof|jumping off the roof|jump in front of a train|jumping in front of a train|drink bleach|drinking bleach|hang yourself #self-harm-method #nofilter
        0 cut/s/ting|harm/ing|starve/s/d|starving|drown/ing|unalive|off|end #self-act #nofilter
        """;
}
