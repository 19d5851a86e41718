namespace HiveOrleans.Moderation.Speech;

/// <summary>One word a recogniser heard, with where it starts and ends in the audio, in seconds.</summary>
public sealed record RecognizedWord(string Text, double StartSeconds, double EndSeconds);
