namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Self-harm: first-person phrases of intent score 3 on their own; topic words score 1 and rise with
/// first-person intent; "kill/cut/hurt ... myself" is scored by the scorer from the self-act roles.
/// </summary>
internal static class SelfHarmLexicon
{
    public const string Entries = """
        3 end my life|end my own life|take my life|take my own life|ending my life|slit my wrists|slitting my wrists|cut my wrists|cutting my wrists|dont want to live|do not want to live|dont want to be alive|dont wanna live|no reason to live|nothing to live for|want to be dead|wish i was dead|wish i were dead|wish i was never born|suicide note|overdose on purpose|jump off a bridge
        2 end it all|kms|better off dead|pro ana|thinspo|overdose/d
        1 suicide|suicidal|self harm|selfharm|self injury|self mutilation|anorexia|anorexic|bulimia|bulimic #self-harm-topic
        2 kill yourself|kys|kill urself|hang yourself|drink bleach #nofilter
        0 cut/s/ting|harm/ing|starve/ing|drown/ing|unalive|off|end #self-act #nofilter
        """;
}
