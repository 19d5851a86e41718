using HiveOrleans.Grains.Tasks;
using HiveOrleans.Moderation.Speech;

namespace HiveOrleans.Tests.Speech;

/// <summary>
/// The speech model on real recordings: espeak-ng's voice in every container a voice note comes in, with noise, and
/// in a video's sound track. Transcripts are asserted by the words found and the heads flagged, never verbatim.
/// </summary>
public sealed class SpeechModelTests(SpeechHarness harness) : IClassFixture<SpeechHarness>
{
    public static TheoryData<string, string[]> Encodings => new()
    {
        { "mp3", ["-c:a", "libmp3lame", "-b:a", "64k"] },
        { "opus", ["-c:a", "libopus", "-b:a", "32k"] },
        { "m4a", ["-c:a", "aac", "-b:a", "64k"] },
        { "flac", ["-c:a", "flac"] },
        { "webm", ["-vn", "-c:a", "libopus"] },
        { "mp4", ["-vn", "-c:a", "aac"] },
    };

    [Fact]
    public async Task A_spoken_threat_in_a_wav_is_transcribed_and_flagged_as_violence()
    {
        var output = await harness.HearAsync(await harness.Audio.WavAsync(SpokenAudio.Threat));

        var entry = Assert.Single(output.Entries);
        Assert.Contains("kill", entry.Transcript, StringComparison.Ordinal);
        Assert.True(SpeechHarness.Score(entry, "violence") >= 2, $"violence {SpeechHarness.Score(entry, "violence")} for \"{entry.Transcript}\"");
        var sentence = Assert.Single(entry.Classifications);
        Assert.Equal(entry.Transcript, sentence.Text);
        Assert.Equal(0, sentence.StartCharIndex);
        Assert.Equal(entry.Transcript!.Length, sentence.EndCharIndex);
        Assert.InRange(sentence.StartTimestamp, 0, sentence.EndTimestamp);
        Assert.InRange(sentence.EndTimestamp, 0.5, output.Media!.Duration!.Value + 0.01);
        Assert.Equal(PocketSphinxRecognizer.ModelName, output.Model);
        Assert.Equal("en", output.Language);
        Assert.Contains(output.TextFilters, hit => hit.Value.Contains("kill", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task A_spoken_threat_is_flagged_in_every_container_a_voice_note_comes_in(string extension, string[] codec)
    {
        var output = await harness.HearAsync(await harness.Audio.EncodedAsync(SpokenAudio.Threat, extension, codec));

        var entry = Assert.Single(output.Entries);
        Assert.Contains("kill", entry.Transcript, StringComparison.Ordinal);
        Assert.True(SpeechHarness.Score(entry, "violence") >= 2, $"violence {SpeechHarness.Score(entry, "violence")} for \"{entry.Transcript}\"");
        Assert.InRange(output.Media!.Duration!.Value, 1, 3);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.04)]
    public async Task A_spoken_threat_with_noise_mixed_in_is_still_flagged(double noise)
    {
        var output = await harness.HearAsync(await harness.Audio.NoisyAsync(SpokenAudio.Threat, noise));

        var entry = Assert.Single(output.Entries);
        Assert.Contains("kill", entry.Transcript, StringComparison.Ordinal);
        Assert.True(SpeechHarness.Score(entry, "violence") >= 2, $"violence {SpeechHarness.Score(entry, "violence")} for \"{entry.Transcript}\"");
    }

    [Fact]
    public async Task The_sound_track_of_a_video_is_heard()
    {
        var output = await harness.HearAsync(await harness.Audio.VideoAsync(SpokenAudio.Threat));

        var entry = Assert.Single(output.Entries);
        Assert.Contains("kill", entry.Transcript, StringComparison.Ordinal);
        Assert.True(SpeechHarness.Score(entry, "violence") >= 2);
    }

    [Fact]
    public async Task A_benign_sentence_is_transcribed_and_not_flagged()
    {
        var output = await harness.HearAsync(await harness.Audio.WavAsync(SpokenAudio.Benign));

        var entry = Assert.Single(output.Entries);
        Assert.NotEmpty(entry.Transcript!);
        Assert.Equal(0, SpeechHarness.Score(entry, "violence"));
        Assert.DoesNotContain(output.TextFilters, hit => hit.Value.Contains("kill", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_recording_longer_than_a_segment_is_heard_segment_by_segment_in_order()
    {
        // 5 s segments; each sentence with its pause is about 4.4 s, so the threat lands in a later segment.
        var output = await harness.HearAsync(await harness.Audio.SequenceAsync(2.5, SpokenAudio.Benign, SpokenAudio.Benign, SpokenAudio.Threat));

        Assert.True(output.Entries.Count >= 3, $"{output.Entries.Count} segments");
        Assert.Equal([.. output.Entries.Select(e => e.Time).Order()], output.Entries.Select(e => e.Time));
        Assert.Equal(0, output.Entries[0].Time);
        Assert.Equal(5, output.Entries[1].Time, 3);
        Assert.InRange(output.Media!.Duration!.Value, (output.Entries.Count - 1) * 5, output.Entries.Count * 5);
        var flagged = output.Entries.Where(e => SpeechHarness.Score(e, "violence") >= 2).ToArray();
        Assert.NotEmpty(flagged);
        Assert.All(flagged, e => Assert.True(e.Time >= 5, $"flagged at {e.Time}: \"{e.Transcript}\""));
        Assert.All(flagged.SelectMany(e => e.Classifications), c => Assert.InRange(c.StartTimestamp, 5, output.Media.Duration.Value));

        // Response-level hits index into the segments' transcripts joined by one space.
        var whole = string.Join(' ', output.Entries.Select(e => e.Transcript));
        var hit = Assert.Single(output.TextFilters, h => h.Value.Contains("kill", StringComparison.Ordinal));
        Assert.Equal(hit.Value, whole[hit.StartIndex..hit.EndIndex]);
    }

    [Fact]
    public async Task A_file_with_no_sound_fails_as_unsupported_media()
    {
        var video = await harness.Audio.SilentVideoAsync();

        var failure = await Assert.ThrowsAsync<TaskFailedException>(() => harness.HearAsync(video));

        Assert.Equal(TaskFailedException.UnsupportedMedia, failure.Code);
        Assert.Contains("audio", failure.Message, StringComparison.Ordinal);
    }
}
