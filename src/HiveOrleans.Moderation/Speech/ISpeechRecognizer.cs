namespace HiveOrleans.Moderation.Speech;

/// <summary>A speech recogniser: loaded once per silo, thread-safe; each recording is heard in its own session.</summary>
public interface ISpeechRecognizer
{
    /// <summary>The model's name in a task's output (<c>input.model</c>).</summary>
    string Name { get; }

    /// <summary>The model's version: a cached result is reused only while it is unchanged.</summary>
    string Version { get; }

    /// <summary>
    /// A session for one recording: what it adapts to while hearing (the voice's level, the room) carries from one
    /// segment to the next and never from another recording.
    /// </summary>
    ISpeechSession Start();
}
