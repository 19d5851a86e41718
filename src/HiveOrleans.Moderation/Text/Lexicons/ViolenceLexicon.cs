namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Violent acts score by their object and intent (see ViolenceRules): the severity here is what a bare
/// mention scores. Threat phrases score on their own. Menace phrases score nothing themselves: their severity
/// only tells the kinds apart, 1 a veiled consequence and 2 a watch kept on the reader (see ViolenceRules.ScoreMenace).
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
        3 put you in the ground|put u in the ground|i will end you|ill end you|gonna end you|going to end you|im going to end you|leaving in an ambulance|leave in an ambulance|go home in an ambulance|picking your teeth up|pick your teeth up|picking ur teeth up|eating through a straw|eat through a straw|put you through the window|put you through a window|put u through a window|off your knees|hold you under|hold u under|through your letterbox|through ur letterbox
        1 see what happens|find out what happens|youll find out|you will find out|learn the hard way|learns the hard way|whats coming to you|what is coming to you|whats coming to u|on thin ice|on very thin ice|wouldnt want to be you|gonna have a problem|going to have a problem|youll regret this|youll regret it|ull regret this|regret crossing me|lost teeth for less|better hope i dont|how far im willing to go|coming round there|coming round yours|coming round urs|away from coming round|had it coming|teach them a lesson|teach him a lesson|teach you a lesson|teach the lot of them
        1 be a shame if|be a pity if|accidents happen|people end up|you wont be driving|you wont be the first|you wont be coming|you wont be walking|wont be driving home|you wont know which|let themselves in|think very carefully|think carefully before|drop the case|drop the complaint|nobody stopped me|no cameras|checking under your #menace #nofilter
        2 i know where|we know where|i know which|we know which|i know your|we know your|i know you do|i know what time|you always park|you always walk|you always leave|you always take|youre always first|youre always the first|youre always there|every morning at|every friday|every day at|your shift|your late shift|shift finishes|your route|your lad|your kids|your wife|your hubby|your husband|your nan|your mum lives|your little sister|your bedroom window|on your own|walk home alone|spare key|saw your|very predictable|same time every|outside your|parked outside|you park|you parked|you walk home|you get the bus|you take home|nice car|nice house|nice little|lovely little|lovely house|nice family|lovely family #menace #nofilter
        1 bloodbath
        0 to death|stopped breathing|until he died|until she died|until they died|till he died|till she died|into a coma|half to death|unconscious #lethal
        0 gun/s|rifle/s|pistol/s|handgun/s|shotgun/s|knife|knives|machete/s|ammo|bullet/s|grenade/s|explosive/s|weapon/s|firearm/s|glock/s|ar15|ar 15 #weapon
        0 die #death-word #english-only
        0 dies|dead #death-word
        """;
}
