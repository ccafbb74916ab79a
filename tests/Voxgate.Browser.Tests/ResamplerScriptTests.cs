using System.Text.Json;
using Voxgate.Browser.Tests.TestSupport;

namespace Voxgate.Browser.Tests;

/// <summary>wwwroot/resampler.js, the worklets' polyphase low-pass, measured in the browser that runs it.</summary>
public sealed class ResamplerScriptTests(PageFixture fixture) : IClassFixture<PageFixture>
{
    // Feeds a tone through the resampler in 128-sample blocks (as a worklet does) and returns the output's
    // level in dB relative to the input's, measured by projection onto the expected output frequency.
    private const string Measure = """
        async ([inRate, outRate, freq, block]) => {
          const { PolyphaseResampler } = await import('/resampler.js');
          const r = new PolyphaseResampler(inRate, outRate);
          const seconds = 1, n = inRate * seconds, out = [];
          const input = new Float32Array(n);
          for (let i = 0; i < n; i++) input[i] = 0.5 * Math.sin(2 * Math.PI * freq * i / inRate);
          const buf = new Float32Array(r.maxOutput(block));
          for (let i = 0; i < n; i += block) {
            const c = r.process(input.subarray(i, Math.min(n, i + block)), buf);
            for (let k = 0; k < c; k++) out.push(buf[k]);
          }
          // Skip the filter's delay, then measure the output at the tone's frequency folded into the output band.
          const folded = Math.abs(((freq + outRate / 2) % outRate) - outRate / 2);
          const skip = Math.ceil(r.delay * outRate / inRate) + 64;
          let re = 0, im = 0, energy = 0, m = 0;
          for (let k = skip; k < out.length - 64; k++, m++) {
            const w = 2 * Math.PI * folded * k / outRate;
            re += out[k] * Math.cos(w); im += out[k] * Math.sin(w); energy += out[k] * out[k];
          }
          const amplitude = 2 * Math.hypot(re, im) / m;
          const rms = Math.sqrt(energy / m);
          return { count: out.length, expected: Math.round(n * outRate / inRate), toneDb: 20 * Math.log10(amplitude / 0.5 + 1e-12), rmsDb: 20 * Math.log10(rms / (0.5 / Math.SQRT2) + 1e-12) };
        }
        """;

    [Theory]
    [InlineData(48000, 24000)]
    [InlineData(44100, 24000)]
    [InlineData(24000, 48000)]
    [InlineData(24000, 44100)]
    public async Task Speech_band_tones_pass_at_unity_gain_and_the_output_keeps_pace(int inRate, int outRate)
    {
        Chromium chromium = fixture.Chromium;

        foreach (int freq in new[] { 300, 1000, 4000, 10000 })
        {
            JsonElement result = await chromium.Page.EvaluateAsync<JsonElement>(Measure, new object[] { inRate, outRate, freq, 128 });
            Assert.InRange(result.GetProperty("toneDb").GetDouble(), -0.1, 0.1);
            Assert.InRange(result.GetProperty("count").GetInt32(), result.GetProperty("expected").GetInt32() - 2, result.GetProperty("expected").GetInt32() + 2);
        }
    }

    [Theory]
    [InlineData(48000, 24000, 12500)] // just past the output's Nyquist: would fold onto 11.5 kHz
    [InlineData(48000, 24000, 20000)]
    [InlineData(44100, 24000, 13000)]
    [InlineData(44100, 24000, 21000)]
    public async Task Tones_above_the_24_kHz_Nyquist_are_rejected_by_70_dB_instead_of_folding(int inRate, int outRate, int freq)
    {
        Chromium chromium = fixture.Chromium;

        JsonElement result = await chromium.Page.EvaluateAsync<JsonElement>(Measure, new object[] { inRate, outRate, freq, 128 });
        Assert.True(result.GetProperty("rmsDb").GetDouble() < -70, $"alias at {result.GetProperty("rmsDb").GetDouble():F1} dB");
    }

    [Fact]
    public async Task Block_size_does_not_change_the_output()
    {
        Chromium chromium = fixture.Chromium;

        double maxDifference = await chromium.Page.EvaluateAsync<double>("""
            async () => {
              const { PolyphaseResampler } = await import('/resampler.js');
              const run = (block) => {
                const r = new PolyphaseResampler(44100, 24000), n = 44100, out = [];
                const input = new Float32Array(n);
                for (let i = 0; i < n; i++) input[i] = Math.sin(i * 0.05) * 0.3 + Math.sin(i * 0.71) * 0.2;
                const buf = new Float32Array(r.maxOutput(Math.max(block, 1)));
                for (let i = 0; i < n; i += block) {
                  const c = r.process(input.subarray(i, Math.min(n, i + block)), buf);
                  for (let k = 0; k < c; k++) out.push(buf[k]);
                }
                return out;
              };
              const a = run(128), b = run(37), c = run(44100);
              if (a.length !== b.length || a.length !== c.length) return 1;
              let max = 0;
              for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]), Math.abs(a[i] - c[i]));
              return max;
            }
            """);
        Assert.True(maxDifference < 1e-6, $"outputs differ by {maxDifference}");
    }
}
