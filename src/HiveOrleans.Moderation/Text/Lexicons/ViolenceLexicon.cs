namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Violent acts score by their object and intent (see ViolenceRules): the severity here is what a bare
/// mention scores. Threat phrases score on their own.
/// </summary>
internal static class ViolenceLexicon
{
    public const string Entries = """
        1 kill/s/ed/ing|stab/s/bed/bing|strangle/s/d|strangling #violent-act #self-act
        1 murder/s/ed/ing|slaughter/s/ed/ing|assault/s/ed/ing|slit|bomb/s/ed/ing|beat up|beating up|blow up|blowing up #violent-act
        1 behead/s/ed/ing|decapitate/s/d|torture/s/d|torturing|mutilate/s/d|dismember/s/ed|massacre/s/d|lynch/ed/ing|assassinate/s/d|rape/s/d|raping|rapist/s|butcher/s/ed|execute/d #violent-act
        1 put a bullet in|put a bullet through|put one in #violent-act
        0 shoot/s/ing|shot|hang/s/ed|hanging|burn/s/ed/ing|choke/s/d|choking|drown|shoot up|attack/s/ed|hurt/s/ing|hunt/s/ed/ing #violent-act #self-act
        0 cut #violent-act #self-act
        0 beat/s|punch/es/ed|slap/s/ped|kick/s/ed|smack/s/ed|hit|smash/ed|break|breaking|jump/ed|stomp/ed #violent-act #weak
        3 put a bullet in your head|blow your brains out|blow your head off|slit your throat|cut your throat|break your neck|break your legs|knock your teeth out|beat the shit out of you|beat the crap out of you|i know where you live|die in a fire|go die|you will regret this|shoot up the school|shoot up a school|bring a gun to school|bomb goes off|bomb will go off|planted a bomb|plant a bomb|planting a bomb|theres a bomb|there is a bomb
        2 school shooting|mass shooting|terrorist attack|bomb threat|genocide|watch your back|burn in hell|you are dead|youre dead|ur dead|you re dead|dead meat|sleep with one eye open|your days are numbered|run you over|runs you over|run u over|ran you over|run him over|run her over|stoned to death|six feet under
        1 bloodbath
        0 to death|stopped breathing|until he died|until she died|until they died|till he died|till she died|into a coma|half to death|unconscious #lethal
        0 gun/s|rifle/s|pistol/s|handgun/s|shotgun/s|knife|knives|machete/s|ammo|bullet/s|grenade/s|explosive/s|weapon/s|firearm/s|glock/s|ar15|ar 15 #weapon
        0 die #death-word #english-only
        0 dies|dead #death-word
        """;
}
