namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Drugs: a mention scores 1; use, being high or quantities 2; buying or selling 3. Street names with
/// innocent senses (coke, molly, pot) need drug context in the span.
/// </summary>
internal static class DrugsLexicon
{
    public const string Entries = """
        1 cocaine|heroin|meth|methamphetamine|crystal meth|fentanyl|percs|xans|oxy|lsd|mdma|ketamine|shrooms|magic mushrooms|psilocybin|oxycodone|oxycontin|percocet/s|opium|dmt|pcp|ghb|amphetamine/s|crack cocaine|crackhead/s|speedball/s|krokodil|xanax bars|purple drank
        1 weed|marijuana|cannabis|thc|hashish|bong/s|stoner/s|xanax|adderall|valium|codeine|vicodin|benzos|junkie/s|druggie/s|kush|ganja|reefer|doobie/s|spliff/s|edibles|dab pen/s|shatter|molly water
        2 lines of coke|line of coke|bump of coke|did a line|doing lines|did lines|high as fuck|high af|tripping balls|crossfaded|cross faded|zooted|k holed|k hole|khole
        2 stoned|blazed|getting high|got high|get high tonight|lets get high|get high together|im high|im so high #drug-activity
        1 ket|pingers|pinger|mandy|mushies|2cb|nangs|zoot/s|chang|gabbies|gabapentin|pregabalin|fishscale|moonrocks|runtz|zkittlez|space cake/s|hotbox/ed/ing|greened out|greening out|k holes|horse tranq|bath salts|tranq
        2 wake n bake|wake and bake|doing a line|did two lines|off his face|off my face|off her face
        1 blotter|carts|blues|snow|ice|crystal|green|white|brown|caps|gear|flour|skittles|vitamins|sugar cubes|cough syrup|salad|sweets #ambiguous #weak-drug-term
        1 drug/s|narcotics|opioid/s #weak-drug-term
        1 coke|crack|molly|ecstasy|acid|tina|lean|bars #ambiguous #name-like
        1 loud|gas|za|zaza|exotics #ambiguous #weak-drug-term
        1 pot|joint/s|blunt/s|grass|hash|dope|trees|herb|bud|420|wax #ambiguous
        0 smoke/s/d|smoking|snort/s/ed/ing|sniff/ing|inject/s/ed/ing|get high|getting high|got high|best high|so high|im high|was high|baked|tripping|dose/s|gram/s|oz|ounce/s|eighth/s|pill/s|withdrawal|roll|rolled|rolling|popping|popped|sip|sippin|sipping|blaze|blazing|blaze it|tab/s|hit of|dab|dabbing|shoot up|shot up|shooting up|did|doing|been on|was on|high on|im on|were on|microdosing|microdose/d|pop a|took half a|necked #drug-activity #nofilter
        """;
}
