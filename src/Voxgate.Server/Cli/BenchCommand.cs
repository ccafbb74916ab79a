using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Voxgate.Server.Benchmarking;
using Voxgate.Realtime.Echo;
using Voxgate.Server.Benchmarking.Relay;
using Voxgate.Server.Benchmarking.Dialogues;
using Voxgate.Speech;
using Voxgate.Speech.Engine;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Server.Cli;

/// <summary>
/// <c>voxgate bench engine</c>: concurrent realtime conversations with the local engine (latency, capacity, CPU, memory);
/// <c>voxgate bench wer</c>: the recogniser's word error rate on flite-voiced sentences;
/// <c>voxgate bench relay</c>: the gateway's relay capacity against a built-in echo upstream.
/// <c>voxgate bench dialogues</c>: scripted booking calls through the engine, scored on the task.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure the local engine (concurrent conversations, word error rate, scripted dialogues) or the relay's capacity.");
        command.Subcommands.Add(CreateEngine());
        command.Subcommands.Add(CreateWer());
        command.Subcommands.Add(CreateDialogues());
        command.Subcommands.Add(CreateRelay());
        command.Subcommands.Add(CreateSoak());
        return command;
    }

    private static Command CreateSoak()
    {
        var minutes = new Option<double>("--minutes") { Description = "How long the churn lasts.", DefaultValueFactory = _ => 10 };
        var concurrency = new Option<int>("--concurrency") { Description = "Callers at a time.", DefaultValueFactory = _ => 50 };
        var talk = new Option<double>("--talk-seconds") { Description = "How long each call talks before it hangs up.", DefaultValueFactory = _ => 3 };
        var gateway = new Option<FileInfo?>("--gateway") { Description = "Another build's voxgate.dll to soak instead of this one." };
        var command = new Command("soak", "Churn calls through a gateway process to the echo upstream (connect, talk, hang up, repeat) and watch its memory, threads and handles for growth.")
        {
            minutes, concurrency, talk, gateway,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            string data = Directory.CreateTempSubdirectory("voxgate-soak-").FullName;
            try
            {
                double length = parse.GetValue(minutes);
                int callers = parse.GetValue(concurrency);
                if (length is <= 0 or > 24 * 60 || callers is < 1 or > 2000)
                {
                    throw new ArgumentException("--minutes must be above 0 and at most a day, --concurrency 1–2000.");
                }

                string dll = parse.GetValue(gateway)?.FullName ?? Path.Combine(AppContext.BaseDirectory, "voxgate.dll");
                await output.WriteLineAsync(MachineLine()).ConfigureAwait(false);
                await using RealtimeEchoServer echo = await RealtimeEchoServer.StartAsync().ConfigureAwait(false);

                // Every call is recorded as usual; only the WAVs are off, so ten minutes do not fill the disk.
                await using GatewayProcess process = await GatewayProcess.StartAsync(dll, echo.BaseUrl, cancellationToken,
                    $"--Store:SqlitePath={data}/voxgate.db", $"--Recording:Folder={data}/recordings", "--Recording:Enabled=false").ConfigureAwait(false);
                await output.WriteLineAsync($"gateway: {dll}; {callers} callers at a time, {parse.GetValue(talk):0.#} s a call, {length:0.#} min").ConfigureAwait(false);
                await output.WriteLineAsync(SoakSample.Header).ConfigureAwait(false);
                TimeSpan every = TimeSpan.FromMinutes(Math.Clamp(length / 10, 0.1, 1));
                IReadOnlyList<SoakSample> samples = await SoakTest.RunAsync(process, callers, TimeSpan.FromMinutes(length), TimeSpan.FromSeconds(parse.GetValue(talk)), every,
                    s => output.WriteLine(s.ToMarkdownRow()), cancellationToken).ConfigureAwait(false);

                // The first half warms up (JIT, pools, the heap's budget, the store's pages) and sets the level; a leak shows
                // as the second half climbing past it.
                SoakSample[] early = [.. samples.Take(Math.Max(1, samples.Count / 2))];
                SoakSample[] late = [.. samples.Skip(early.Length)];
                if (late.Length == 0)
                {
                    late = early;
                }

                SoakSample last = samples[^1];
                double earlyMb = early.Max(x => x.ResidentMb), lateMb = late.Max(x => x.ResidentMb);
                int earlyThreads = early.Max(x => x.Threads), lateThreads = late.Max(x => x.Threads);
                int earlyHandles = early.Max(x => x.Handles), lateHandles = late.Max(x => x.Handles);
                bool steady = last.Failures == 0 && lateMb <= earlyMb * 1.10 + 10 && lateThreads <= earlyThreads + 10 && lateHandles <= earlyHandles + 20;
                await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{last.Calls} calls, {last.Failures} failed; highest in the first half → second half: RSS {earlyMb:F0} → {lateMb:F0} MB, threads {earlyThreads} → {lateThreads}, handles {earlyHandles} → {lateHandles}: {(steady ? "steady" : "GROWING")}")).ConfigureAwait(false);
                return steady ? 0 : 3;
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or InvalidOperationException or System.Net.WebSockets.WebSocketException or TimeoutException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"voxgate bench soak: {CliErrors.OneLine(ex)}").ConfigureAwait(false);
                return 1;
            }
            finally
            {
                DeleteQuietly(data);
            }
        });
        return command;
    }

    private static Command CreateRelay()
    {
        var sessions = new Option<int[]>("--sessions")
        {
            Description = "Concurrent browser sessions; several values run one after another.",
            DefaultValueFactory = _ => [100, 200, 300],
            AllowMultipleArgumentsPerToken = true,
        };
        var seconds = new Option<int>("--seconds") { Description = "How long each point is measured (after 2 s of warm-up).", DefaultValueFactory = _ => 15 };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON instead of a table." };
        var gateway = new Option<FileInfo?>("--gateway") { Description = "Another build's voxgate.dll to measure instead of this one (to compare builds in one run)." };
        var settings = new Option<string[]>("--gateway-setting")
        {
            Description = "A setting for the gateway under test, as Key=Value (e.g. Recording:Enabled=false, to see what recording costs); repeatable.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("relay", "Run N full-duplex /ws sessions on loopback through a gateway to a built-in echo upstream; report round trips, loss, CPU and memory.")
        {
            sessions, seconds, json, gateway, settings,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;

            // The measured calls are recorded as any call is, into a store of their own: never the one `make run` shows.
            string data = Directory.CreateTempSubdirectory("voxgate-relay-").FullName;
            try
            {
                int[] counts = parse.GetValue(sessions)!;
                int duration = parse.GetValue(seconds);
                if (counts.Length == 0 || counts.Any(n => n is < 1 or > 5000) || duration is < 1 or > 3600)
                {
                    throw new ArgumentException("--sessions must be 1–5000 and --seconds 1–3600.");
                }

                string dll = parse.GetValue(gateway)?.FullName ?? Path.Combine(AppContext.BaseDirectory, "voxgate.dll");
                if (!File.Exists(dll))
                {
                    throw new FileNotFoundException($"the gateway {dll} does not exist.");
                }

                string[] extra = parse.GetValue(settings) ?? [];
                if (extra.FirstOrDefault(s => s.IndexOf('=', StringComparison.Ordinal) < 1) is { } malformed)
                {
                    throw new ArgumentException($"--gateway-setting takes Key=Value, not '{malformed}'.");
                }

                bool asJson = parse.GetValue(json);
                string machine = MachineLine();
                await using RealtimeEchoServer echo = await RealtimeEchoServer.StartAsync().ConfigureAwait(false);
                await using GatewayProcess process = await GatewayProcess.StartAsync(dll, echo.BaseUrl, cancellationToken,
                    [$"--Store:SqlitePath={data}/voxgate.db", $"--Recording:Folder={data}/recordings", .. extra.Select(s => "--" + s)]).ConfigureAwait(false);
                if (!asJson)
                {
                    await output.WriteLineAsync(machine).ConfigureAwait(false);
                    await output.WriteLineAsync(extra.Length == 0 ? $"gateway: {dll}" : $"gateway: {dll} ({string.Join(", ", extra)})").ConfigureAwait(false);
                    await output.WriteLineAsync(RelayLoadResult.Header).ConfigureAwait(false);
                }

                // A short unreported point first, so the gateway's start-up (JIT, pools) is not counted in the first one.
                _ = await RelayLoadTest.RunAsync(process, Math.Min(20, counts.Max()), TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
                var results = new List<RelayLoadResult>();
                foreach (int n in counts)
                {
                    RelayLoadResult result = await RelayLoadTest.RunAsync(process, n, TimeSpan.FromSeconds(duration), cancellationToken).ConfigureAwait(false);
                    results.Add(result);
                    if (!asJson)
                    {
                        await output.WriteLineAsync(result.ToMarkdownRow()).ConfigureAwait(false);
                    }
                }

                if (asJson)
                {
                    await output.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new RelayLoadReport(dll, machine, results), RelayLoadJsonContext.Default.RelayLoadReport)).ConfigureAwait(false);
                }

                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or InvalidOperationException or System.Net.WebSockets.WebSocketException or TimeoutException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"voxgate bench relay: {CliErrors.OneLine(ex)}").ConfigureAwait(false);
                return 1;
            }
            finally
            {
                DeleteQuietly(data);
            }
        });
        return command;
    }

    private static Command CreateEngine()
    {
        var sessions = new Option<int[]>("--sessions")
        {
            Description = "Concurrent conversations; several values run one after another.",
            DefaultValueFactory = _ => [1, 4, 8, 12, 16],
            AllowMultipleArgumentsPerToken = true,
        };
        var seconds = new Option<int>("--seconds") { Description = "How long callers keep starting turns, per run.", DefaultValueFactory = _ => 60 };
        var silence = new Option<int>("--silence-ms") { Description = "The sessions' silence_duration_ms.", DefaultValueFactory = _ => 500 };
        var recognizers = new Option<int?>("--recognizers") { Description = "Speech recognisers loaded (default: Engine:RecognizerPoolSize's default)." };
        var voice = new Option<string>("--voice") { Description = "The voice the callers speak with.", DefaultValueFactory = _ => "slt" };
        var languageModel = new Option<string?>("--language-model")
        {
            Description = "A language model used alone instead of the general one interpolated with the front-desk one; 'general' for the general one alone.",
        };

        var engineLead = new Option<int>("--preemptive-lead-ms")
        {
            Description = "How long before the silence window closes the engine settles the caller's words (Engine limits' PreemptiveLeadMs); 0 waits for the window.",
            DefaultValueFactory = _ => new EngineLimits().PreemptiveLeadMs,
        };
        var trace = new Option<bool>("--turns") { Description = "Also print each turn (what was heard, where its time went) and the engine's debug events, timestamped." };
        var command = new Command("engine", "Run N in-process conversations fed speech in real time; report latency, real-time keeping, CPU and memory.")
        {
            sessions, seconds, silence, recognizers, voice, languageModel, engineLead, trace,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            try
            {
                int[] counts = parse.GetValue(sessions)!;
                int duration = parse.GetValue(seconds);
                if (counts.Length == 0 || counts.Any(n => n is < 1 or > 256) || duration is < 1 or > 3600)
                {
                    throw new ArgumentException("--sessions must be 1–256 and --seconds 1–3600.");
                }

                int leadMs = parse.GetValue(engineLead);
                if (leadMs is < 0 or > 10_000)
                {
                    throw new ArgumentException("--preemptive-lead-ms must be 0–10000.");
                }

                string speaker = FliteTextToSpeechClient.ResolveVoice(parse.GetValue(voice));
                string? model = ResolveLanguageModel(parse.GetValue(languageModel));
                await output.WriteLineAsync(MachineLine()).ConfigureAwait(false);
                await output.WriteLineAsync(LoadTestResult.Header).ConfigureAwait(false);
                bool allHeld = true;
                foreach (int n in counts)
                {
                    var settings = new LoadTestSettings(n, TimeSpan.FromSeconds(duration), parse.GetValue(silence),
                        parse.GetValue(recognizers) ?? new LocalEngineOptions().RecognizerPoolSize, speaker, model, leadMs);
                    using ILoggerFactory? engineLog = parse.GetValue(trace) ? TraceLoggerFactory() : null;
                    LoadTestResult result = await EngineLoadTest.RunAsync(settings, engineLog, cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync(result.ToMarkdownRow()).ConfigureAwait(false);
                    if (engineLog is not null)
                    {
                        foreach (string line in result.TraceLines())
                        {
                            await output.WriteLineAsync(line).ConfigureAwait(false);
                        }
                    }
                    allHeld &= result.Holds;
                }

                return allHeld ? 0 : 3;
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or InvalidOperationException or DllNotFoundException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"voxgate bench engine: {CliErrors.OneLine(ex)}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    private static Command CreateWer()
    {
        var voices = new Option<string[]>("--voices")
        {
            Description = "The voices that read the sentences.",
            DefaultValueFactory = _ => ["slt", "rms", "awb"],
            AllowMultipleArgumentsPerToken = true,
        };
        var set = new Option<string>("--set")
        {
            Description = "The sentences: 'dev' to tune on, 'test' to report (never tune on it).",
            DefaultValueFactory = _ => WerSettings.DevelopmentSet,
        };
        set.AcceptOnlyFromAmong(WerSettings.DevelopmentSet, WerSettings.TestSet);
        var languageModel = new Option<string?>("--language-model")
        {
            Description = "A language model used alone instead of the general one interpolated with the front-desk one; 'general' for the general one alone.",
        };
        var domainWeight = new Option<float?>("--domain-weight") { Description = "The front-desk model's interpolation weight (0–1)." };
        var languageWeight = new Option<float?>("--language-weight") { Description = "The recogniser's language weight with the front-desk model (pocketsphinx's -lw)." };
        var verbose = new Option<bool>("--verbose") { Description = "Also print every sentence that was misheard." };
        var session = new Option<bool>("--session") { Description = "Each voice is one caller: the recogniser keeps what it learns of the channel between sentences, as in an engine session." };
        var baseline = new Option<bool>("--pocketsphinx-continuous") { Description = "Also run Debian's pocketsphinx_continuous on the same audio, for comparison." };

        var command = new Command("wer", "Word error rate of the recogniser on 30 sentences voiced by flite.")
        {
            voices, set, languageModel, domainWeight, languageWeight, verbose, session, baseline,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                string[] speakers = [.. parse.GetValue(voices)!.Select(FliteTextToSpeechClient.ResolveVoice)];
                float? weight = parse.GetValue(domainWeight);
                if (weight is not null and not (> 0f and < 1f))
                {
                    throw new ArgumentException("--domain-weight must be between 0 and 1.");
                }

                float? lw = parse.GetValue(languageWeight);
                if (lw is not null and not (> 0f and <= 20f))
                {
                    throw new ArgumentException("--language-weight must be between 0 and 20.");
                }

                var settings = new WerSettings(parse.GetValue(set)!, speakers, ResolveLanguageModel(parse.GetValue(languageModel)), weight, lw,
                    parse.GetValue(session), parse.GetValue(baseline), parse.GetValue(verbose));
                await new WerBenchmark(settings, parse.InvocationConfiguration.Output).RunAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or InvalidOperationException or DllNotFoundException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"voxgate bench wer: {CliErrors.OneLine(ex)}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    private static Command CreateDialogues()
    {
        var set = new Option<string>("--set")
        {
            Description = "The conversations: 'dev' to tune on, 'test', 'heldout' or 'third' to report (never tune on them), or 'all'.",
            DefaultValueFactory = _ => DialogueSettings.DevelopmentSet,
        };
        set.AcceptOnlyFromAmong(DialogueSettings.DevelopmentSet, DialogueSettings.TestSet, DialogueSettings.HeldOutSet, DialogueSettings.ThirdSet, DialogueSettings.AllSets);
        var only = new Option<string[]>("--only") { Description = "Run only these dialogue ids.", AllowMultipleArgumentsPerToken = true };
        var parallel = new Option<int>("--parallel") { Description = "Dialogues at a time.", DefaultValueFactory = _ => 2 };
        var verbose = new Option<bool>("--verbose") { Description = "Print the turns and tool calls of every failed dialogue." };
        var transcripts = new Option<bool>("--transcripts") { Description = "Print the turns of every dialogue, not only the failed ones." };
        var lead = new Option<int>("--preemptive-lead-ms")
        {
            Description = "How long before the silence window closes the engine settles the caller's words (Engine limits' PreemptiveLeadMs); 0 waits for the window.",
            DefaultValueFactory = _ => new EngineLimits().PreemptiveLeadMs,
        };

        var answerWeight = new Option<double>("--answer-weight")
        {
            Description = "The answer models' weight after a question (Engine:AnswerModelWeight); 0 listens to answers as to anything else.",
            DefaultValueFactory = _ => new LocalEngineOptions().AnswerModelWeight,
        };

        var command = new Command("dialogues", "Scripted multi-turn calls spoken through the local engine, scored on the task (tool calls, reference read back) and turns.")
        {
            set, only, parallel, verbose, transcripts, lead, answerWeight,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                int n = parse.GetValue(parallel);
                if (n is < 1 or > 8)
                {
                    throw new ArgumentException("--parallel must be 1–8.");
                }

                int leadMs = parse.GetValue(lead);
                if (leadMs is < 0 or > 10_000)
                {
                    throw new ArgumentException("--preemptive-lead-ms must be 0–10000.");
                }

                double weight = parse.GetValue(answerWeight);
                if (weight is not (>= 0 and <= 0.99))
                {
                    throw new ArgumentException("--answer-weight must be 0–0.99.");
                }

                var settings = new DialogueSettings(parse.GetValue(set)!, parse.GetValue(only) ?? [], n, parse.GetValue(verbose) || parse.GetValue(transcripts), parse.GetValue(transcripts), leadMs)
                {
                    AnswerModelWeight = weight,
                };
                if (settings.Scripts.Count == 0)
                {
                    throw new ArgumentException("no dialogue has those ids.");
                }

                await parse.InvocationConfiguration.Output.WriteLineAsync(MachineLine()).ConfigureAwait(false);
                IReadOnlyList<DialogueResult> results = await new DialogueBenchmark(settings, parse.InvocationConfiguration.Output).RunAsync(cancellationToken).ConfigureAwait(false);
                return results.Count(r => r.Success) * 10 >= results.Count * 9 ? 0 : 3;
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or InvalidOperationException or DllNotFoundException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"voxgate bench dialogues: {CliErrors.OneLine(ex)}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    /// <summary>A language model file, or "general" for the model folder's general one alone (as <c>Engine:LanguageModel</c> reads it).</summary>
    internal static string? ResolveLanguageModel(string? value)
        => value is null ? null
        : string.Equals(value, LocalEngineOptions.GeneralLanguageModel, StringComparison.OrdinalIgnoreCase) ? new LocalEngineOptions { LanguageModel = value }.ResolvedLanguageModel
        : CheckLanguageModel(new FileInfo(value));

    private static string? CheckLanguageModel(FileInfo? file)
        => file is null ? null
        : file.Exists ? file.FullName
        : throw new FileNotFoundException($"the language model {file.FullName} does not exist.");

    /// <summary>A measured gateway's scratch store; one still being let go of is left to the system's temp cleaner.</summary>
    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The engine's debug events on the console, timestamped to the millisecond, for <c>bench engine --turns</c>.</summary>
    private static ILoggerFactory TraceLoggerFactory() => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Warning)
        .AddFilter("Voxgate.Speech", LogLevel.Debug)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        }));

    private static string MachineLine()
    {
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
        string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        return string.Create(CultureInfo.InvariantCulture,
            $"machine: {Environment.ProcessorCount} cores, {cpu}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}; load average before: {load}");
    }
}
