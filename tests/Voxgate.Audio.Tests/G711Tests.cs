namespace Voxgate.Audio.Tests;

public sealed class G711Tests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("voxgate-g711-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("ul")]
    [InlineData("al")]
    public void Encoding_every_PCM16_value_matches_sox_bit_for_bit(string law)
    {
        var all = new short[65536];
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = (short)(i - 32768);
        }

        string raw = Path.Combine(_dir, "all.s16");
        File.WriteAllBytes(raw, System.Runtime.InteropServices.MemoryMarshal.AsBytes(all.AsSpan()).ToArray());
        string encoded = Path.Combine(_dir, "all." + law);
        // -D: no dither, so sox applies the plain G.711 quantiser.
        Sox.Run("-D", "-t", "raw", "-e", "signed-integer", "-b", "16", "-c", "1", "-r", "8000", raw, "-t", law, "-c", "1", "-r", "8000", encoded);
        byte[] reference = File.ReadAllBytes(encoded);
        Assert.Equal(all.Length, reference.Length);

        var ours = new byte[all.Length];
        if (law == "ul")
        {
            G711.EncodeMuLaw(all, ours);
        }
        else
        {
            G711.EncodeALaw(all, ours);
        }

        int mismatches = 0;
        for (int i = 0; i < ours.Length; i++)
        {
            if (ours[i] != reference[i])
            {
                mismatches++;
            }
        }

        Assert.Equal(0, mismatches);
    }

    [Theory]
    [InlineData("ul")]
    [InlineData("al")]
    public void Decoding_every_code_matches_sox(string law)
    {
        var codes = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            codes[i] = (byte)i;
        }

        string input = Path.Combine(_dir, "codes." + law);
        File.WriteAllBytes(input, codes);
        string decoded = Path.Combine(_dir, "codes.s16");
        Sox.Run("-D", "-t", law, "-c", "1", "-r", "8000", input, "-t", "raw", "-e", "signed-integer", "-b", "16", decoded);
        short[] reference = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(File.ReadAllBytes(decoded)).ToArray();

        var ours = new short[256];
        if (law == "ul")
        {
            G711.DecodeMuLaw(codes, ours);
        }
        else
        {
            G711.DecodeALaw(codes, ours);
        }

        Assert.Equal(reference, ours);
    }

    [Fact]
    public void Decoding_then_encoding_returns_every_code()
    {
        for (int code = 0; code < 256; code++)
        {
            // µ-law has two zeros (0x7F and 0xFF); both decode to 0, which encodes as 0xFF.
            byte mu = G711.EncodeMuLaw(G711.DecodeMuLaw((byte)code));
            Assert.True(mu == code || (code == 0x7F && mu == 0xFF), $"µ-law {code:X2} -> {mu:X2}");
            Assert.Equal((byte)code, G711.EncodeALaw(G711.DecodeALaw((byte)code)));
        }
    }

    [Fact]
    public void Span_and_scalar_paths_agree()
    {
        var pcm = new short[] { short.MinValue, -1000, -1, 0, 1, 1000, short.MaxValue };
        var mu = new byte[pcm.Length];
        var a = new byte[pcm.Length];
        G711.EncodeMuLaw(pcm, mu);
        G711.EncodeALaw(pcm, a);
        for (int i = 0; i < pcm.Length; i++)
        {
            Assert.Equal(G711.EncodeMuLaw(pcm[i]), mu[i]);
            Assert.Equal(G711.EncodeALaw(pcm[i]), a[i]);
        }
    }

    [Fact]
    public void Quantisation_error_stays_within_the_law_step()
    {
        for (int s = short.MinValue; s <= short.MaxValue; s += 7)
        {
            int mu = G711.DecodeMuLaw(G711.EncodeMuLaw((short)s));
            int a = G711.DecodeALaw(G711.EncodeALaw((short)s));
            // The largest segment steps are 1024 (µ-law, 14-bit scaled by 4) and 1024 (A-law); near full scale the clip adds a little.
            Assert.InRange(Math.Abs(mu - s), 0, 1100);
            Assert.InRange(Math.Abs(a - s), 0, 1100);
        }
    }
}
