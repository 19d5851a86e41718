using System.Runtime.InteropServices;

namespace HiveOrleans.Moderation.Speech;

/// <summary>
/// The few functions of Debian's libpocketsphinx3 and libsphinxbase3 (0.8+5prealpha) the recogniser calls. The
/// configuration is parsed from an argv array (<c>cmd_ln_parse_r</c>) because <c>cmd_ln_init</c> is variadic.
/// </summary>
internal static partial class PocketSphinxNative
{
    private const string PocketSphinx = "libpocketsphinx.so.3";
    private const string SphinxBase = "libsphinxbase.so.3";

    [LibraryImport(PocketSphinx, EntryPoint = "ps_args")]
    public static partial IntPtr Args();

    [LibraryImport(SphinxBase, EntryPoint = "cmd_ln_parse_r")]
    public static partial IntPtr ParseConfig(IntPtr config, IntPtr definitions, int argc, IntPtr[] argv, int strict);

    [LibraryImport(SphinxBase, EntryPoint = "cmd_ln_free_r")]
    public static partial int FreeConfig(IntPtr config);

    [LibraryImport(SphinxBase, EntryPoint = "err_set_logfp")]
    public static partial void SetLogFile(IntPtr file);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_init")]
    public static partial IntPtr Init(IntPtr config);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_free")]
    public static partial int Free(IntPtr decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_start_stream")]
    public static partial int StartStream(IntPtr decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_get_in_speech")]
    public static partial byte InSpeech(IntPtr decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_start_utt")]
    public static partial int StartUtterance(IntPtr decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_process_raw")]
    public static unsafe partial int ProcessRaw(IntPtr decoder, short* data, nuint samples, int noSearch, int fullUtterance);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_end_utt")]
    public static partial int EndUtterance(IntPtr decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_seg_iter")]
    public static partial IntPtr SegmentIterator(IntPtr decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_seg_next")]
    public static partial IntPtr NextSegment(IntPtr segment);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_seg_word")]
    public static partial IntPtr SegmentWord(IntPtr segment);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_seg_frames")]
    public static partial void SegmentFrames(IntPtr segment, out int startFrame, out int endFrame);
}
