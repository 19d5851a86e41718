namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Fixed expressions whose words would otherwise match: a match here claims its words, so nothing else
/// matches them. Kept to set phrases; ordinary context belongs in the scorer's rules.
/// </summary>
internal static class BenignLexicon
{
    public const string Entries = """
        0 fag break/s|hate crime/s|hate speech|hate group/s|hate mail|homo sapiens|homo erectus|grammar nazi/s|soup nazi #benign
        0 blue tit/s|great tit/s|coal tit/s|marsh tit/s|willow tit/s|crested tit/s|long tailed tit/s #benign
        0 cum laude|magna cum laude|summa cum laude|spotted dick|pussy cat/s|pussycat/s|pussy willow/s|cock and bull|cock a doodle doo|weather cock #benign
        0 high school/s|high on life|crack the code|crack a joke|crack a smile|crack of dawn|crack open|crack down|crackdown #benign
        0 dying to|to die for|die hard|die trying|killing it|killed it|kill it|kill time|kill some time|dressed to kill|kill two birds|kill the lights #benign
        0 free kill/s|kill feed|kill streak/s|killstreak/s|kill count|kill death ratio|to kill a mockingbird|minutes to kill|hour to kill|hours to kill|time to kill #benign
        0 shoot me a|shoot you a|shoot him a|shoot her a|shoot a text|shoot a message|photo shoot|shoot the breeze|shoot for the stars #benign
        0 shut up and take my money|break a leg|knock em dead|knock them dead|blow me away|blew me away|blown away|beat the heat|beat the traffic|beat the odds #benign
        0 bang for your buck|bang for the buck|hot dog/s|hot sauce|hot chocolate|hot water|hot tub|hot take|hot spot|hot topic|hot weather|fine print|fine dining|fine art/s #benign
        0 erection of|erection of the|naked eye|naked truth|nude lipstick|nude heels|nude shade|nude colour|nude color #benign
        0 suicide squad|suicide prevention|suicide hotline|suicide lifeline|crisis lifeline|self harm awareness #benign
        """;
}
