using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

using Microsoft.Win32.SafeHandles;

namespace Voxgate.Speech.Synthesis;

/// <summary>
/// P/Invoke for flite 2.2 (Debian's libflite.so.1) and its US English voices, with audio streamed through a callback.
/// The only place that sees native pointers; see docs/local-speech.md for the layouts and gotchas used here.
/// </summary>
internal static unsafe partial class FliteNative
{
    private const string Flite = "libflite.so.1";

    // cst_voice: features @8. cst_wave: sample_rate @8, samples @24.
    // cst_audio_streaming_info: asc (callback) @8, userdata @32.
    private const int VoiceFeaturesOffset = 8;
    private const int WaveSampleRateOffset = 8;
    private const int WaveSamplesOffset = 24;
    private const int StreamingCallbackOffset = 8;
    private const int StreamingUserDataOffset = 32;

    private const int StreamContinue = 0;
    private const int StreamStop = -1;

    // feat_set keeps the *name pointer*, so feature names live in native memory for the life of the process.
    private static readonly IntPtr s_streamingInfoName = Marshal.StringToHGlobalAnsi("streaming_info");
    private static readonly IntPtr s_durationStretchName = Marshal.StringToHGlobalAnsi("duration_stretch");

    private static readonly Lazy<int> s_initialized = new(flite_init, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The voices this build can load, by flite name.</summary>
    public static readonly IReadOnlyList<string> VoiceNames = ["slt", "rms", "awb", "kal16"];

    /// <summary>Receives synthesised audio on the synthesising thread.</summary>
    public interface IAudioSink
    {
        /// <summary>New samples (valid only during the call); return false to abort the synthesis.</summary>
        bool OnAudio(ReadOnlySpan<short> samples, int sampleRate, bool last);
    }

    /// <summary>The native library file of a voice, e.g. <c>libflite_cmu_us_slt.so.1</c>.</summary>
    public static string LibraryOf(string voice) => $"libflite_cmu_us_{voice}.so.1";

    /// <summary>
    /// Registers (loads) a voice and wires its streaming callback. flite caches each voice in a global, so every
    /// call for the same name returns the same instance: callers must register once and serialise its use.
    /// </summary>
    public static VoiceHandle RegisterVoice(string voice)
    {
        _ = s_initialized.Value;
        IntPtr pointer = voice switch
        {
            "slt" => register_cmu_us_slt(IntPtr.Zero),
            "rms" => register_cmu_us_rms(IntPtr.Zero),
            "awb" => register_cmu_us_awb(IntPtr.Zero),
            "kal16" => register_cmu_us_kal16(IntPtr.Zero),
            _ => throw new ArgumentException($"Unknown flite voice '{voice}'; use one of {string.Join(", ", VoiceNames)}.", nameof(voice)),
        };
        if (pointer == IntPtr.Zero)
        {
            throw new InvalidOperationException($"flite: register_cmu_us_{voice} returned no voice.");
        }

        IntPtr features = *(IntPtr*)(pointer + VoiceFeaturesOffset);
        IntPtr streaming = new_audio_streaming_info();
        *(delegate* unmanaged[Cdecl]<IntPtr, int, int, int, IntPtr, int>*)(streaming + StreamingCallbackOffset) = &OnStreamedAudio;

        // The voice's features now own the streaming info; it lives as long as the (never freed) voice.
        feat_set(features, s_streamingInfoName, audio_streaming_info_val(streaming));
        return new VoiceHandle(pointer, features, streaming, voice);
    }

    /// <summary>
    /// Synthesises <paramref name="text"/> with <paramref name="voice"/>, sending audio to <paramref name="sink"/>
    /// as it is produced. Blocks until done or aborted. The caller must hold the voice exclusively.
    /// </summary>
    /// <returns>The seconds of audio flite reports (the whole text, even when aborted).</returns>
    public static float Synthesize(VoiceHandle voice, string text, IAudioSink sink, float durationStretch)
    {
        ArgumentNullException.ThrowIfNull(voice);
        ArgumentNullException.ThrowIfNull(sink);
        GCHandle route = GCHandle.Alloc(sink);
        bool added = false;
        try
        {
            voice.DangerousAddRef(ref added);
            *(IntPtr*)(voice.StreamingInfo + StreamingUserDataOffset) = GCHandle.ToIntPtr(route);
            flite_feat_set_float(voice.Features, s_durationStretchName, durationStretch);

            // flite's vocoder excites noise with the C library's rand(): seeding it as a fresh process does makes
            // the same text always give the same samples, exactly as the flite command does.
            srand(1);
            return flite_text_to_speech(text, voice.DangerousGetHandle(), "none");
        }
        finally
        {
            *(IntPtr*)(voice.StreamingInfo + StreamingUserDataOffset) = IntPtr.Zero;
            route.Free();
            if (added)
            {
                voice.DangerousRelease();
            }
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnStreamedAudio(IntPtr wave, int start, int size, int last, IntPtr streamingInfo)
    {
        try
        {
            IntPtr userData = *(IntPtr*)(streamingInfo + StreamingUserDataOffset);
            if (userData == IntPtr.Zero || GCHandle.FromIntPtr(userData).Target is not IAudioSink sink)
            {
                return StreamStop;
            }

            int sampleRate = *(int*)(wave + WaveSampleRateOffset);
            short* samples = *(short**)(wave + WaveSamplesOffset);
            var chunk = size > 0 && samples != null ? new ReadOnlySpan<short>(samples + start, size) : ReadOnlySpan<short>.Empty;
            return sink.OnAudio(chunk, sampleRate, last != 0) ? StreamContinue : StreamStop;
        }
#pragma warning disable CA1031 // An exception must not unwind into native code; the sink records its own failures.
        catch
        {
            return StreamStop;
        }
#pragma warning restore CA1031
    }

    [LibraryImport(Flite)]
    private static partial int flite_init();

    [LibraryImport("libc.so.6")]
    private static partial void srand(uint seed);

    [LibraryImport(Flite, StringMarshalling = StringMarshalling.Utf8)]
    private static partial float flite_text_to_speech(string text, IntPtr voice, string outputType);

    [LibraryImport(Flite)]
    private static partial IntPtr new_audio_streaming_info();

    [LibraryImport(Flite)]
    private static partial IntPtr audio_streaming_info_val(IntPtr streamingInfo);

    [LibraryImport(Flite)]
    private static partial void feat_set(IntPtr features, IntPtr name, IntPtr value);

    [LibraryImport(Flite)]
    private static partial void flite_feat_set_float(IntPtr features, IntPtr name, float value);

    [LibraryImport("libflite_cmu_us_slt.so.1")]
    private static partial IntPtr register_cmu_us_slt(IntPtr voxdir);

    [LibraryImport("libflite_cmu_us_rms.so.1")]
    private static partial IntPtr register_cmu_us_rms(IntPtr voxdir);

    [LibraryImport("libflite_cmu_us_awb.so.1")]
    private static partial IntPtr register_cmu_us_awb(IntPtr voxdir);

    [LibraryImport("libflite_cmu_us_kal16.so.1")]
    private static partial IntPtr register_cmu_us_kal16(IntPtr voxdir);

    /// <summary>
    /// A registered flite voice. flite keeps voices for the life of the process (and hands the same one to every
    /// registration), so releasing this handle frees nothing.
    /// </summary>
    internal sealed class VoiceHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        internal VoiceHandle(IntPtr voice, IntPtr features, IntPtr streamingInfo, string name)
            : base(ownsHandle: false)
        {
            SetHandle(voice);
            Features = features;
            StreamingInfo = streamingInfo;
            Name = name;
        }

        /// <summary>The flite name: slt, rms, awb or kal16.</summary>
        public string Name { get; }

        internal IntPtr Features { get; }

        internal IntPtr StreamingInfo { get; }

        protected override bool ReleaseHandle() => true;
    }
}
