using System.Runtime.InteropServices;
using System.Runtime.InteropServices.Marshalling;

using Microsoft.Win32.SafeHandles;

namespace Voxgate.Speech.Recognition;

/// <summary>
/// P/Invoke for pocketsphinx 5prealpha (Debian's libpocketsphinx.so.3) and sphinxbase (libsphinxbase.so.3).
/// The only place that sees native pointers; see docs/local-speech.md for the facts these rely on.
/// </summary>
internal static unsafe partial class PocketSphinxNative
{
    private const string PocketSphinx = "libpocketsphinx.so.3";
    private const string SphinxBase = "libsphinxbase.so.3";

    // feat_t and cmn_t layouts of sphinxbase 5prealpha on x64 (sphinxbase/feat.h, cmn.h); checked before use.
    private const int FeatCepSizeOffset = 16;
    private const int FeatStreamCountOffset = 20;
    private const int FeatCmnStructOffset = 88;
    private const int CmnVectorLengthOffset = 28;

    private static readonly Lock s_initLock = new();
    private static bool s_initialized;

    // The search that decodes with the interpolated set; the default search ("_default") is never made for it.
    private const string InterpolatedSearch = "voxgate";

    // ngram_file_type_t (sphinxbase/ngram_model.h).
    private const int NGramAuto = 0;
    private const int NGramArpa = 1;
    private const int MaxActiveHmmsPerFrame = 5000;

    /// <summary>
    /// Builds a decoder configuration with every default, then the model paths.
    /// Logging is switched off process-wide instead of with <c>-logfn</c>: each <c>ps_init</c> with <c>-logfn</c>
    /// swaps (and closes) sphinxbase's global log FILE, which races with decoders logging on other threads.
    /// </summary>
    /// <param name="hmmDirectory">The acoustic model folder (<c>-hmm</c>).</param>
    /// <param name="languageModel">The <c>-lm</c>; null loads none, for <see cref="UseInterpolatedModels"/> to add one after <c>ps_init</c>.</param>
    /// <param name="dictionary">The pronunciation dictionary (<c>-dict</c>).</param>
    /// <param name="languageWeight">The <c>-lw</c> of the first search pass, or null for pocketsphinx's 6.5.</param>
    public static CmdLnHandle CreateConfig(string hmmDirectory, string? languageModel, string dictionary, float? languageWeight = null)
    {
        EnsureInitialized();
        CmdLnHandle config = cmd_ln_parse_r(IntPtr.Zero, ps_args(), 0, IntPtr.Zero, 0);
        if (config.IsInvalid)
        {
            config.Dispose();
            throw new InvalidOperationException("pocketsphinx: cmd_ln_parse_r returned no configuration.");
        }

        // cmd_ln_set_str_r copies the value and only looks the name up, so marshalled temporaries are fine here.
        cmd_ln_set_str_r(config, "-hmm", hmmDirectory);
        if (languageModel is not null)
        {
            cmd_ln_set_str_r(config, "-lm", languageModel);
        }

        cmd_ln_set_str_r(config, "-dict", dictionary);
        if (languageWeight is { } lw)
        {
            cmd_ln_set_float_r(config, "-lw", lw);
        }

        // The first pass keeps at most this many HMMs active a frame (pocketsphinx's default is 30,000). With the
        // interpolated models the search stays wide; on the development sentences this cap left every word as it was
        // while decoding took about a third less CPU (docs/benchmarks.md), which is what a settled turn waits for.
        cmd_ln_set_int_r(config, "-maxhmmpf", MaxActiveHmmsPerFrame);

        return config;
    }

    /// <summary>
    /// Makes the decoder search with <paramref name="models"/> interpolated (a sphinxbase language-model set,
    /// <c>ngram_model_set_init</c> + <c>ngram_model_set_interp</c>), so domain phrases are likely without losing the
    /// general model's vocabulary. Each is read with the decoder's own log-math and language weight. The search keeps
    /// the set; so does the handle returned, for <see cref="SetInterpolationWeights"/> between utterances.
    /// </summary>
    /// <param name="decoder">A decoder made from a configuration without <c>-lm</c>.</param>
    /// <param name="models">Each model's name in the set, its file, and whether that file is ARPA text (else any format).</param>
    /// <param name="weights">The models' interpolation weights, in order, summing to 1; a weight of 0 leaves a model out of the scores.</param>
    public static NGramModelHandle UseInterpolatedModels(PocketSphinxDecoderHandle decoder, IReadOnlyList<(string Name, string Path, bool Arpa)> models, ReadOnlySpan<float> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(weights.Length, models.Count);
        IntPtr config = ps_get_config(decoder);
        IntPtr logMath = ps_get_logmath(decoder);
        var read = new NGramModelHandle[models.Count];
        var added = new bool[models.Count];
        IntPtr[] names = new IntPtr[models.Count];
        NGramModelHandle set;
        try
        {
            for (int i = 0; i < models.Count; i++)
            {
                read[i] = ReadModel(config, models[i].Path, models[i].Arpa ? NGramArpa : NGramAuto, logMath);
                read[i].DangerousAddRef(ref added[i]);
                names[i] = Marshal.StringToCoTaskMemUTF8(models[i].Name);
            }

            IntPtr[] handles = [.. read.Select(m => m.DangerousGetHandle())];
            fixed (IntPtr* modelPointers = handles)
            fixed (IntPtr* namePointers = names)
            {
                // Without weights the set starts on its first model; ngram_model_set_interp then switches it to interpolation.
                set = ngram_model_set_init(config, modelPointers, namePointers, null, models.Count);
                if (set.IsInvalid)
                {
                    set.Dispose();
                    throw new InvalidOperationException("pocketsphinx: ngram_model_set_init refused the language models (different log-math?).");
                }
            }
        }
        finally
        {
            for (int i = 0; i < models.Count; i++)
            {
                if (added[i])
                {
                    read[i].DangerousRelease();
                }

                read[i]?.Dispose();
                Marshal.FreeCoTaskMem(names[i]);
            }
        }

        try
        {
            SetInterpolationWeights(set, [.. models.Select(m => m.Name)], weights);

            // ps_set_search dereferences the search it looks up, so it is only called once ps_set_lm has made it.
            if (ps_set_lm(decoder, InterpolatedSearch, set) != 0 || ps_set_search(decoder, InterpolatedSearch) != 0)
            {
                throw new InvalidOperationException("pocketsphinx: could not make a search with the interpolated language model.");
            }
        }
        catch
        {
            set.Dispose();
            throw;
        }

        return set;
    }

    /// <summary>
    /// Sets the interpolation weights of a set from <see cref="UseInterpolatedModels"/>; the search scores with them from
    /// its next frame (it reads them live and caches no scores across utterances), so call it between utterances.
    /// </summary>
    public static void SetInterpolationWeights(NGramModelHandle set, IReadOnlyList<string> names, ReadOnlySpan<float> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(weights.Length, names.Count);
        IntPtr[] marshalled = new IntPtr[names.Count];
        try
        {
            for (int i = 0; i < names.Count; i++)
            {
                marshalled[i] = Marshal.StringToCoTaskMemUTF8(names[i]);
            }

            fixed (IntPtr* namePointers = marshalled)
            fixed (float* weightPointer = weights)
            {
                if (ngram_model_set_interp(set, namePointers, weightPointer) == IntPtr.Zero)
                {
                    throw new InvalidOperationException("pocketsphinx: ngram_model_set_interp refused the weights.");
                }
            }
        }
        finally
        {
            foreach (IntPtr name in marshalled)
            {
                Marshal.FreeCoTaskMem(name);
            }
        }
    }

    private static NGramModelHandle ReadModel(IntPtr config, string path, int type, IntPtr logMath)
    {
        NGramModelHandle model = ngram_model_read(config, path, type, logMath);
        if (model.IsInvalid)
        {
            model.Dispose();
            throw new InvalidOperationException($"pocketsphinx: could not read the language model {path}.");
        }

        return model;
    }

    /// <summary>Loads a decoder (about half a second); the decoder keeps its own reference to the configuration.</summary>
    public static PocketSphinxDecoderHandle CreateDecoder(CmdLnHandle config)
    {
        PocketSphinxDecoderHandle decoder = ps_init(config);
        if (decoder.IsInvalid)
        {
            decoder.Dispose();
            throw new InvalidOperationException(
                "pocketsphinx: ps_init failed to load the models (check the -hmm, -lm and -dict paths; apt package pocketsphinx-en-us).");
        }

        return decoder;
    }

    public static void StartStream(PocketSphinxDecoderHandle decoder) => ps_start_stream(decoder);

    public static void StartUtterance(PocketSphinxDecoderHandle decoder)
    {
        if (ps_start_utt(decoder) < 0)
        {
            throw new InvalidOperationException("pocketsphinx: ps_start_utt failed.");
        }
    }

    public static void EndUtterance(PocketSphinxDecoderHandle decoder)
    {
        if (ps_end_utt(decoder) < 0)
        {
            throw new InvalidOperationException("pocketsphinx: ps_end_utt failed.");
        }
    }

    /// <summary>Feeds 16 kHz 16-bit samples to the running utterance; returns the number of frames searched.</summary>
    public static int ProcessRaw(PocketSphinxDecoderHandle decoder, ReadOnlySpan<short> samples)
    {
        int frames;
        fixed (short* data = samples)
        {
            frames = ps_process_raw(decoder, data, (nuint)samples.Length, 0, 0);
        }

        if (frames < 0)
        {
            throw new InvalidOperationException("pocketsphinx: ps_process_raw failed.");
        }

        return frames;
    }

    /// <summary>The current best hypothesis, or null when there is none. The text is library-owned and copied here.</summary>
    public static string? GetHypothesis(PocketSphinxDecoderHandle decoder)
    {
        IntPtr text = ps_get_hyp(decoder, out _);
        return text == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(text);
    }

    /// <summary>
    /// Reads the live cepstral-mean vector, or null when the in-memory layout is not the one this code knows
    /// (in which case CMN simply is not reset between streams).
    /// </summary>
    public static float[]? GetLiveCmn(PocketSphinxDecoderHandle decoder)
    {
        IntPtr cmn = FindCmn(decoder, out int length);
        if (cmn == IntPtr.Zero)
        {
            return null;
        }

        var mean = new float[length];
        fixed (float* vector = mean)
        {
            cmn_live_get(cmn, vector);
        }

        return mean;
    }

    /// <summary>Sets the live cepstral-mean vector (and its running sums), e.g. back to the value it had when loaded.</summary>
    public static bool SetLiveCmn(PocketSphinxDecoderHandle decoder, ReadOnlySpan<float> mean)
    {
        IntPtr cmn = FindCmn(decoder, out int length);
        if (cmn == IntPtr.Zero || length != mean.Length)
        {
            return false;
        }

        fixed (float* vector = mean)
        {
            cmn_live_set(cmn, vector);
        }

        return true;
    }

    /// <summary>
    /// A front end of its own (MFCC only, no search) from a decoder's configuration, which <c>ps_init</c> has filled
    /// with the acoustic model's feature parameters, so it computes the cepstra that decoder's CMN sees.
    /// </summary>
    public static FrontEndHandle CreateFrontEnd(CmdLnHandle config)
    {
        FrontEndHandle frontEnd = fe_init_auto_r(config);
        if (frontEnd.IsInvalid)
        {
            frontEnd.Dispose();
            throw new InvalidOperationException("sphinxbase could not create a front end from the decoder's configuration.");
        }

        return frontEnd;
    }

    /// <summary>The length of one cepstral vector the front end writes.</summary>
    public static int GetCepstrumLength(FrontEndHandle frontEnd) => fe_get_output_size(frontEnd);

    public static void StartFrontEnd(FrontEndHandle frontEnd)
    {
        if (fe_start_utt(frontEnd) < 0)
        {
            throw new InvalidOperationException("fe_start_utt failed.");
        }
    }

    /// <summary>
    /// Runs <paramref name="samples"/> through the front end and adds every frame whose energy (c0) is not negative to
    /// <paramref name="sum"/>, as sphinxbase's live CMN counts frames; returns how many were added.
    /// </summary>
    public static int AddCepstra(FrontEndHandle frontEnd, ReadOnlySpan<short> samples, Span<double> sum)
    {
        const int Rows = 16;
        int length = sum.Length;
        Span<float> cepstra = stackalloc float[Rows * length];
        Span<IntPtr> rows = stackalloc IntPtr[Rows];
        int added = 0;
        bool addedRef = false;
        try
        {
            frontEnd.DangerousAddRef(ref addedRef);
            IntPtr fe = frontEnd.DangerousGetHandle();
            fixed (short* start = samples)
            fixed (float* frames = cepstra)
            fixed (IntPtr* rowPointers = rows)
            {
                for (int r = 0; r < Rows; r++)
                {
                    rowPointers[r] = (IntPtr)(frames + r * length);
                }

                short* next = start;
                nuint left = (nuint)samples.Length;
                while (left > 0)
                {
                    int produced = Rows;
                    int frameIndex = 0;
                    if (fe_process_frames(fe, &next, &left, rowPointers, &produced, &frameIndex) < 0)
                    {
                        throw new InvalidOperationException("fe_process_frames failed.");
                    }

                    for (int f = 0; f < produced; f++)
                    {
                        float* frame = frames + f * length;
                        if (frame[0] < 0)
                        {
                            continue;
                        }

                        for (int i = 0; i < length; i++)
                        {
                            sum[i] += frame[i];
                        }

                        added++;
                    }

                    if (produced == 0)
                    {
                        // The rest is shorter than a frame: the front end keeps it for the next call.
                        break;
                    }
                }
            }
        }
        finally
        {
            if (addedRef)
            {
                frontEnd.DangerousRelease();
            }
        }

        return added;
    }

    private static IntPtr FindCmn(PocketSphinxDecoderHandle decoder, out int length)
    {
        length = 0;
        bool added = false;
        try
        {
            decoder.DangerousAddRef(ref added);
            byte* feat = (byte*)ps_get_feat(decoder.DangerousGetHandle());
            if (feat == null)
            {
                return IntPtr.Zero;
            }

            int cepSize = *(int*)(feat + FeatCepSizeOffset);
            int streams = *(int*)(feat + FeatStreamCountOffset);
            byte* cmn = *(byte**)(feat + FeatCmnStructOffset);
            if (cepSize is < 1 or > 64 || streams is < 1 or > 8 || cmn == null || *(int*)(cmn + CmnVectorLengthOffset) != cepSize)
            {
                return IntPtr.Zero;
            }

            length = cepSize;
            return (IntPtr)cmn;
        }
        finally
        {
            if (added)
            {
                decoder.DangerousRelease();
            }
        }
    }

    private static void EnsureInitialized()
    {
        lock (s_initLock)
        {
            if (!s_initialized)
            {
                err_set_logfp(IntPtr.Zero);
                s_initialized = true;
            }
        }
    }

    [LibraryImport(PocketSphinx)]
    private static partial IntPtr ps_args();

    [LibraryImport(SphinxBase)]
    private static partial CmdLnHandle cmd_ln_parse_r(IntPtr inout, IntPtr definitions, int argc, IntPtr argv, int strict);

    [LibraryImport(SphinxBase, StringMarshalling = StringMarshalling.Utf8)]
    private static partial void cmd_ln_set_str_r(CmdLnHandle config, string name, string value);

    [LibraryImport(SphinxBase, StringMarshalling = StringMarshalling.Utf8)]
    private static partial void cmd_ln_set_float_r(CmdLnHandle config, string name, double value);

    [LibraryImport(SphinxBase, StringMarshalling = StringMarshalling.Utf8)]
    private static partial void cmd_ln_set_int_r(CmdLnHandle config, string name, nint value);

    [LibraryImport(SphinxBase)]
    internal static partial int cmd_ln_free_r(IntPtr config);

    [LibraryImport(SphinxBase)]
    private static partial void err_set_logfp(IntPtr stream);

    [LibraryImport(SphinxBase)]
    private static partial void cmn_live_get(IntPtr cmn, float* vector);

    [LibraryImport(SphinxBase)]
    private static partial void cmn_live_set(IntPtr cmn, float* vector);

    [LibraryImport(PocketSphinx)]
    private static partial PocketSphinxDecoderHandle ps_init(CmdLnHandle config);

    [LibraryImport(SphinxBase)]
    private static partial FrontEndHandle fe_init_auto_r(CmdLnHandle config);

    [LibraryImport(SphinxBase)]
    private static partial int fe_get_output_size(FrontEndHandle frontEnd);

    [LibraryImport(SphinxBase)]
    private static partial int fe_start_utt(FrontEndHandle frontEnd);

    // int fe_process_frames(fe_t *, int16 const **inout_spch, size_t *inout_nsamps, mfcc_t **buf_cep, int32 *inout_nframes, int32 *out_frameidx)
    [LibraryImport(SphinxBase)]
    private static partial int fe_process_frames(IntPtr frontEnd, short** speech, nuint* samples, IntPtr* cepstra, int* frames, int* frameIndex);

    [LibraryImport(SphinxBase)]
    internal static partial int fe_free(IntPtr frontEnd);

    [LibraryImport(PocketSphinx)]
    internal static partial int ps_free(IntPtr decoder);

    [LibraryImport(PocketSphinx)]
    private static partial int ps_start_stream(PocketSphinxDecoderHandle decoder);

    [LibraryImport(PocketSphinx)]
    private static partial int ps_start_utt(PocketSphinxDecoderHandle decoder);

    [LibraryImport(PocketSphinx)]
    private static partial int ps_end_utt(PocketSphinxDecoderHandle decoder);

    [LibraryImport(PocketSphinx)]
    private static partial int ps_process_raw(PocketSphinxDecoderHandle decoder, short* data, nuint samples, int noSearch, int fullUtterance);

    [LibraryImport(PocketSphinx)]
    private static partial IntPtr ps_get_hyp(PocketSphinxDecoderHandle decoder, out int bestScore);

    [LibraryImport(PocketSphinx)]
    private static partial IntPtr ps_get_feat(IntPtr decoder);

    [LibraryImport(PocketSphinx)]
    private static partial IntPtr ps_get_config(PocketSphinxDecoderHandle decoder);

    [LibraryImport(PocketSphinx)]
    private static partial IntPtr ps_get_logmath(PocketSphinxDecoderHandle decoder);

    [LibraryImport(PocketSphinx, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ps_set_lm(PocketSphinxDecoderHandle decoder, string name, NGramModelHandle model);

    [LibraryImport(PocketSphinx, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ps_set_search(PocketSphinxDecoderHandle decoder, string name);

    [LibraryImport(SphinxBase, StringMarshalling = StringMarshalling.Utf8)]
    private static partial NGramModelHandle ngram_model_read(IntPtr config, string fileName, int fileType, IntPtr logMath);

    [LibraryImport(SphinxBase)]
    private static partial NGramModelHandle ngram_model_set_init(IntPtr config, IntPtr* models, IntPtr* names, float* weights, int count);

    [LibraryImport(SphinxBase)]
    private static partial IntPtr ngram_model_set_interp(NGramModelHandle set, IntPtr* names, float* weights);

    [LibraryImport(SphinxBase)]
    internal static partial int ngram_model_free(IntPtr model);
}

/// <summary>A sphinxbase <c>ngram_model_t*</c> (reference-counted; released with <c>ngram_model_free</c>).</summary>
internal sealed class NGramModelHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public NGramModelHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        // The result is the remaining reference count (a set or a search may still hold the model), not an error.
        _ = PocketSphinxNative.ngram_model_free(handle);
        return true;
    }
}

/// <summary>A sphinxbase <c>cmd_ln_t*</c> configuration (reference-counted; released with <c>cmd_ln_free_r</c>).</summary>
internal sealed class CmdLnHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public CmdLnHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        // The result is the remaining reference count (a decoder may still hold the configuration), not an error.
        _ = PocketSphinxNative.cmd_ln_free_r(handle);
        return true;
    }
}

/// <summary>A pocketsphinx <c>ps_decoder_t*</c> (released with <c>ps_free</c>).</summary>
internal sealed class PocketSphinxDecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PocketSphinxDecoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        // The result is the remaining reference count, not an error.
        _ = PocketSphinxNative.ps_free(handle);
        return true;
    }
}

/// <summary>A sphinxbase front end (<c>fe_t</c>), freed with <c>fe_free</c>.</summary>
internal sealed class FrontEndHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public FrontEndHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        // The result is the remaining reference count, not an error.
        _ = PocketSphinxNative.fe_free(handle);
        return true;
    }
}
