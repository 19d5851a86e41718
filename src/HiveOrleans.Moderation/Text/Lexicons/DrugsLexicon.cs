namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Drugs: hard drugs 2, soft drugs and general terms 1; any drug with buying or selling in the span
/// scores 3, with use or quantities at least 2. Street names with innocent senses need drug context.
/// </summary>
internal static class DrugsLexicon
{
    public const string Entries = """
        2 cocaine|heroin|meth|methamphetamine|crystal meth|fentanyl|lsd|mdma|ketamine|shrooms|magic mushrooms|psilocybin|oxycodone|oxycontin|percocet/s|opium|dmt|pcp|ghb|amphetamine/s|crack cocaine|crackhead/s|speedball/s|krokodil|xanax bars|purple drank
        1 weed|marijuana|cannabis|thc|hashish|bong/s|stoner/s|xanax|adderall|valium|codeine|vicodin|benzos|opioid/s|narcotics|drug/s|junkie/s|druggie/s|kush|ganja|reefer|doobie/s|spliff/s|edibles
        2 coke|crack|molly|ecstasy|acid|tina|oxy|lean|percs|xans|bars #ambiguous #name-like
        1 pot|joint/s|blunt/s|grass|hash|dope|trees|herb|bud|dab/s|420 #ambiguous
        0 smoke/s/d|smoking|snort/s/ed/ing|sniff/ing|inject/s/ed/ing|get high|getting high|got high|stoned|baked|blazed|tripping|dose/s|gram/s|oz|ounce/s|eighth|pill/s|withdrawal|rolling|high af #drug-activity #nofilter
        """;
}
