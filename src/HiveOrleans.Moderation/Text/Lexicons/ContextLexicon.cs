namespace HiveOrleans.Moderation.Text;

/// <summary>Words that score nothing themselves but steer the context rules, and English function words.</summary>
internal static class ContextLexicon
{
    public const string Entries = """
        0 you|u|ya|yall|you all|ye|ur|youre|youll|youd|youve|your|yours|yous|youse|thee #second-person #stopword
        0 yourself|yourselves|urself #second-person #reflexive #stopword
        0 i|im|ive|ill|id|iam|we|imma|ima #first-person #stopword
        0 me #me #stopword
        0 myself|meself #myself #stopword
        0 he|she|they|him|her|them|hes|shes|theyre #third-person #stopword
        0 everyone|everybody|people|someone|somebody|family|wife|husband|mom|mum|mother|dad|father|brother|sister|son|daughter|boss|teacher/s|cop/s|police|officer/s|president|girlfriend|boyfriend|gf|bf|neighbor/s|neighbour/s|man|men|woman|guy/s|dude|bro|classmate/s|coworker/s|school|students|ex|kids|children|baby|girl/s|boy/s|prisoners|prisoner|hostage/s|civilians|victim/s|villagers|protesters|infidels|judge/s|cashier|waiter|driver|building|office|church|mosque|synagogue|temple|mall|embassy|station|airport|stadium|clinic|hospital #person-noun
        0 will|ll|gonna|gon|gunna|going|wanna|want|wants|shall|finna|gotta|plan|planning|ready|thinking|considering|tryna|try|trying|lets|let me|let us|lemme|intend|intending|coming|imma|ima|ill|bring|bringing|next time|about to|come over|on purpose #intent
        0 hope|wish|should|deserve/s|need/s|must|better|ought|may|might|can|hopefully|shouldve #wish
        0 feel|feeling|felt|am|im|been|keep #feel
        0 not|never|dont|wont|cant|wouldnt|shouldnt|isnt|no|didnt|doesnt|aint|nobody|wasnt|arent|werent|havent|hasnt|couldnt #negation
        0 the|a|an|this|that|these|those|my|his|their|our|all|every|some|of|so|such|very|really|total|complete|absolute|real|little|big|just|look|looks|like|sound|sounds|act|acting|is|are|r|be|being|was|were|re|entire|whole|freaking|bloody|utter|literally|fucking|damn|one|have|has|got|last #filler
        0 be|been|being|get|gets|getting|got|gotten|was|were #passive
        0 if|unless|when #conditional
        0 hey|yo|oi|listen|ey|ay #vocative
        0 go|just|pls|please|plz|pleas|now #imperative
        0 off #off
        0 while|when|shaving|cooking|accidentally|by accident|playing|chopping|on a|on the|with a|with the|again lol|slicing|peeling|tripping|tripped #mishap
        0 suck/s/ing|lick/s/ing|ride|riding|touch/ing|wet|hard|harder|naked|nude|horny|sexy|bed|in bed|spread|swallow|inside|bend|kiss/ing|taste|squirt/ing|strip|undress|sensual|bedroom|tonight|all night|discreet|daddy|babe|body|come over|my place|from behind #sexual-context
        0 lick/s/ed/ing|suck/s/ed/ing|ride|riding|spank/s/ed/ing|finger/ed/ing|touch/ed/ing #sex-act
        0 face|jaw|nose|neck|leg/s|arm/s|teeth|skull|head|throat|rib/s|knee/s|kneecap/s|finger/s|spine|eye/s|guts|brains|bone/s|wrist/s|thigh/s|skin|stomach #body-part
        0 sell/s/ing|sold|dealer/s|plug|hmu|hit me up|for sale|vendor|supplier|cashapp|venmo|discreet|discreetly|wholesale|re up|connect|trade/s/d|trading|swap/s/ping|links|mega|telegram|wickr|snapchat|whatsapp|get you|hook you up|hook u up|score|dm for|dm me|text me|got that|who wants|anyone want|anybody want|want some|anyone have|does anyone have|who has|got any|my guy|my dude|tap in|same day drop/s|for the menu|full menu|just landed|landed|just came in|pre orders|preorders|tele|link me|who can sort|can sort|sorted for|work phone|no time wasters|trusted customers|local pickup|looking to buy|grab off|usual spot|exact money|zips|split a z|q for|8th for|an 8th|by the eighth|ten bag|a ten of|a g|per g|for prices|message for prices|can post|discreet post|in bulk #trade
        0 buy/s/ing|bought|dm|delivery|deliver|shipping|ship/s/ped|to your door|available|price/s|cheap|order|in stock|cash #commerce
        0 to|commit|committing|attempt/ed/ing|about|of|doing|do|thoughts|thinking|so|really|very|just|literally|actually|been|feeling #self-harm-bridge
        0 goodbye everyone|goodbye world|goodbye cruel world|this is goodbye|final goodbye|goodbye forever|forgive me|sorry for everything|my last post #farewell
        0 day|week|month|hour|daily|weekly|monthly|hourly|per|a day|a week|a month #period
        0 earn/s/ing|make/s|making|made|win|won #earn
        0 dollars|usd|bucks|euros|eur|gbp|k #currency
        0 year/s|yr/s|yo|old|years old|year old #age-unit
        0 shes|hes|im|youre|ur|only|aged|age|turned|turning|just turned|is #age-cue
        0 pics|pictures|photos|vids|videos|content|links|collection|folder|mega|selfie/s|nudes #media
        0 dont tell your parents|dont tell your mom|dont tell your mum|dont tell your dad|dont tell mom|dont tell mum|dont tell dad|dont tell ur mom|dont tell ur parents|dont tell anyone|our little secret|our secret|keep it a secret|keep this between us|just between us|delete this chat|delete our chat|delete the messages|wont tell|i wont tell|wont tell anyone|mature for your age|so mature for|mature for|private fun|are your parents home|meet me alone|come alone #grooming
        0 chat|meet|talk|date|hang out|hook up #contact
        0 of|laughing|lol|lmao|lmfao|for|from|inside|tired|bored|embarrassment|cringe #death-idiom
        0 process/es|task/s|job/s|thread/s|app/s|application/s|program/s|server/s|service/s|container/s|pod/s|session/s|tab/s|window/s|query|queries|connection/s|request/s|pid|it|time|engine|lights|light|music|mood|vibe|buzz|battery|switch|power|bug/s|feature/s|bill/s|deal|idea|joke|noise|breeze|photo/s|picture/s|video/s|film/s|movie/s|scene/s|basket/s|hoops|messenger|birds|weeds|germs|bacteria|flies|fly|spider/s|mosquito/es|pests|zombie/s|game/s|competition|interview|exam/s|test/s|presentation|performance|stage|show|set|mic|lines|calories|conversation|script|build|cache|wifi|alarm|clock|cigarette/s|fire|enemy|enemies|boss fight|final boss|last boss|monsters|dragon|level|audition|concert|gig|race|speech|talk|essay|assignment|project|workout|outfit|song|verse|dance|routine|line|balloon/s|mattress|pool|printer/s|reviews|review|ratings|polls|election/s|kindness|compliments #idiom-object
        0 pizza|burger/s|beer/s|coffee|drink/s|sandwich/es|pint/s|snack/s|curry|kebab/s|half|final|finals|round|match|league|season|homework|deadline|traffic|heat|diet|eggs|onions|carrots #idiom-object
        0 i|me|my|myself|we|our|ours|ourselves|you|your|yours|yourself|yourselves|he|him|his|himself|she|her|hers|herself|it|its|itself|they|them|their|theirs|themselves|what|which|who|whom|this|that|these|those|am|is|are|was|were|be|been|being|have|has|had|having|do|does|did|doing|a|an|the|and|but|if|or|because|as|until|while|of|at|by|for|with|about|against|between|into|through|during|before|after|above|below|to|from|up|down|in|out|on|off|over|under|again|further|then|once|here|there|when|where|why|how|all|any|both|each|few|more|most|other|some|such|no|nor|not|only|own|same|so|than|too|very|can|will|just|should|now|im|ive|dont|cant|wont|isnt|its|thats|whats|lets|would|could|also|been|get|got|like|one|please|thanks|thank|hello|hi|yes|well #stopword
        """;
}
