using System.Runtime.InteropServices;

namespace HiveOrleans.Moderation.Speech;

/// <summary>
/// CMU PocketSphinx through its C library (Debian <c>libpocketsphinx3</c>, model <c>pocketsphinx-en-us</c>), in
/// process: the library gives each word's frames, needs no process or temporary file per segment, and loads the
/// acoustic and language models once per decoder rather than once per call, as the <c>pocketsphinx_continuous</c>
/// CLI would. A decoder adapts its cepstral mean as it hears, so each recording gets a fresh one
/// (<see cref="PocketSphinxSession"/>): a result never depends on what the silo heard before.
/// </summary>
public sealed class PocketSphinxRecognizer : ISpeechRecognizer
{
    /// <summary>Where Debian's <c>pocketsphinx-en-us</c> puts the US English model.</summary>
    public const string DefaultModelDirectory = "/usr/share/pocketsphinx/model/en-us";

    public const string ModelName = "hive-orleans-pocketsphinx";

    /// <summary>PocketSphinx's frame rate (its <c>-frate</c> default): frames are 10 ms.</summary>
    private const double FramesPerSecond = 100;

    /// <summary>Samples handed to the decoder at a time (pocketsphinx_continuous's buffer).</summary>
    private const int Block = 2048;

    private static readonly Lock LogGate = new();
    private static bool _logSilenced;

    private readonly string[] _arguments;

    /// <summary>
    /// The search's pruning caps, PocketSphinx's own speed settings: at most 3,000 HMMs and 5 word exits a frame
    /// (the defaults are 30,000 and 20). On 159 s of espeak-ng speech the CLI took 24 s of CPU instead of 37 s and
    /// heard the harmful words as often (24 against 22), docs/benchmarks.md.
    /// </summary>
    private static readonly string[] SearchLimits = ["-maxhmmpf", "3000", "-maxwpf", "5"];

    /// <summary>Checks the model's files are there and loads one decoder, so a broken install fails here, not in a task.</summary>
    /// <exception cref="SpeechModelUnavailableException">The library or the model is not installed.</exception>
    public PocketSphinxRecognizer(string modelDirectory = DefaultModelDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelDirectory);
        var acoustic = Path.Combine(modelDirectory, "en-us");
        var language = Path.Combine(modelDirectory, "en-us.lm.bin");
        var dictionary = Path.Combine(modelDirectory, "cmudict-en-us.dict");
        foreach (var path in new[] { Path.Combine(acoustic, "mdef"), language, dictionary })
        {
            if (!File.Exists(path))
            {
                throw new SpeechModelUnavailableException(
                    $"The PocketSphinx model file {path} is missing; install the Debian package pocketsphinx-en-us or set HiveOrleans:Speech:PocketSphinxModelPath.");
            }
        }

        _arguments = ["-hmm", acoustic, "-lm", language, "-dict", dictionary, "-logfn", "/dev/null", .. SearchLimits];
        PocketSphinxNative.Free(Create());
    }

    public string Name => ModelName;

    public string Version => ModelVersion;

    /// <summary>The library's and model's version, as Debian ships them (bookworm: 0.8+5prealpha+1), and the search's caps.</summary>
    public const string ModelVersion = "pocketsphinx-0.8-5prealpha-en-us-hmm3000";

    public ISpeechSession Start() => new PocketSphinxSession(Create());

    /// <summary>
    /// Feeds the samples a block at a time and ends an utterance wherever the library's voice activity detector
    /// hears silence, as pocketsphinx_continuous does: one long utterance (or one <c>full_utt</c> call) lost words
    /// that this finds, "kill" among them, in the tests' recordings. Frames count from the stream's start, so every
    /// utterance's word times are in one timeline.
    /// </summary>
    internal static unsafe List<RecognizedWord> Decode(IntPtr decoder, ReadOnlySpan<short> samples, double offsetSeconds)
    {
        var words = new List<RecognizedWord>();
        Check(PocketSphinxNative.StartStream(decoder), "start a stream");
        Check(PocketSphinxNative.StartUtterance(decoder), "start an utterance");
        var speaking = false;
        fixed (short* data = samples)
        {
            for (var at = 0; at < samples.Length; at += Block)
            {
                var count = Math.Min(Block, samples.Length - at);
                Check(PocketSphinxNative.ProcessRaw(decoder, data + at, (nuint)count, noSearch: 0, fullUtterance: 0), "decode audio");
                var inSpeech = PocketSphinxNative.InSpeech(decoder) != 0;
                if (inSpeech)
                {
                    speaking = true;
                }
                else if (speaking)
                {
                    PocketSphinxNative.EndUtterance(decoder);
                    Collect(decoder, offsetSeconds, words);
                    Check(PocketSphinxNative.StartUtterance(decoder), "start an utterance");
                    speaking = false;
                }
            }
        }

        PocketSphinxNative.EndUtterance(decoder);
        Collect(decoder, offsetSeconds, words);
        return words;
    }

    private static void Collect(IntPtr decoder, double offsetSeconds, List<RecognizedWord> words)
    {
        for (var segment = PocketSphinxNative.SegmentIterator(decoder); segment != IntPtr.Zero; segment = PocketSphinxNative.NextSegment(segment))
        {
            var word = Marshal.PtrToStringUTF8(PocketSphinxNative.SegmentWord(segment));
            if (Spoken(word) is not { } text)
            {
                continue;
            }

            PocketSphinxNative.SegmentFrames(segment, out var start, out var end);
            words.Add(new RecognizedWord(text, offsetSeconds + (start / FramesPerSecond), offsetSeconds + ((end + 1) / FramesPerSecond)));
        }
    }

    private static void Check(int result, string what)
    {
        if (result < 0)
        {
            throw new InvalidOperationException($"PocketSphinx could not {what} ({result}).");
        }
    }

    /// <summary>The word as written, or null for silence and noise: <c>&lt;s&gt;</c>, <c>&lt;sil&gt;</c>, <c>[NOISE]</c>; "read(2)" is the second pronunciation of "read".</summary>
    internal static string? Spoken(string? word)
    {
        if (string.IsNullOrEmpty(word) || word[0] is '<' or '[')
        {
            return null;
        }

        var variant = word.IndexOf('(', StringComparison.Ordinal);
        return variant > 0 ? word[..variant] : word;
    }

    private IntPtr Create()
    {
        SilenceLog();
        var argv = _arguments.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
        try
        {
            var config = PocketSphinxNative.ParseConfig(IntPtr.Zero, PocketSphinxNative.Args(), argv.Length, argv, strict: 1);
            if (config == IntPtr.Zero)
            {
                throw new SpeechModelUnavailableException("PocketSphinx refused its configuration.");
            }

            // ps_init keeps its own reference to the configuration.
            var decoder = PocketSphinxNative.Init(config);
            PocketSphinxNative.FreeConfig(config);
            if (decoder == IntPtr.Zero)
            {
                throw new SpeechModelUnavailableException($"PocketSphinx could not load its model from {_arguments[1]}.");
            }

            return decoder;
        }
        catch (DllNotFoundException ex)
        {
            throw new SpeechModelUnavailableException("libpocketsphinx.so.3 was not found; install the Debian package libpocketsphinx3 (pulled in by pocketsphinx).", ex);
        }
        finally
        {
            foreach (var arg in argv)
            {
                Marshal.FreeCoTaskMem(arg);
            }
        }
    }

    // The library logs every model load and utterance to stderr until told otherwise; -logfn only takes effect
    // after the configuration is parsed, which logs too.
    private static void SilenceLog()
    {
        lock (LogGate)
        {
            if (!_logSilenced)
            {
                PocketSphinxNative.SetLogFile(IntPtr.Zero);
                _logSilenced = true;
            }
        }
    }
}
