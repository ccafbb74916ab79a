using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Voxgate.Speech;
using Voxgate.Speech.Brain;
using Voxgate.Speech.Engine;

namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>
/// <c>voxgate bench dialogues</c>: scripted conversations spoken by flite voices through the real local engine
/// (<see cref="LocalRealtimeClient"/> behind function-invocation middleware, the offline receptionist as its brain,
/// an <see cref="InMemoryAppointmentBook"/> behind the booking tools), faster than real time, scored on the task.
/// </summary>
internal sealed class DialogueBenchmark(DialogueSettings settings, TextWriter output)
{
    // Monday 23 November 2026, 10:00 at the clinic (UTC): what "tomorrow" and "friday" mean in every script.
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public async Task<IReadOnlyList<DialogueResult>> RunAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DialogueScript> scripts = settings.Scripts;
        using var engine = new LocalSpeechEngine(new LocalEngineOptions { RecognizerPoolSize = Math.Max(2, settings.Parallel), AnswerModelWeight = settings.AnswerModelWeight });
        await engine.WarmUpAsync(Math.Max(2, settings.Parallel), cancellationToken).ConfigureAwait(false);

        await output.WriteLineAsync($"set: {settings.Set}; {scripts.Count} dialogues; {settings.Parallel} at a time; preemptive lead {settings.PreemptiveLeadMs} ms; answer models {settings.AnswerModelWeight:0.##}; the offline receptionist; clock {Now:yyyy-MM-dd HH:mm} (a Monday)").ConfigureAwait(false);
        long started = Stopwatch.GetTimestamp();
        var results = new DialogueResult[scripts.Count];
        using var gate = new SemaphoreSlim(settings.Parallel);
        Task[] runs = [.. scripts.Select(async (script, i) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                results[i] = await RunOneAsync(engine, script, cancellationToken, new EngineLimits { PreemptiveLeadMs = settings.PreemptiveLeadMs }).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })];
        await Task.WhenAll(runs).ConfigureAwait(false);

        await output.WriteLineAsync("| dialogue | speaker | task | turns | booking changes right / wrong | reference read back | repeats | caller WER | why not |").ConfigureAwait(false);
        await output.WriteLineAsync("|---|---|---|---|---|---|---|---|---|").ConfigureAwait(false);
        foreach (DialogueResult r in results)
        {
            WordErrorRate wer = r.Turns.Aggregate(default(WordErrorRate), (sum, t) => sum + t.Recognition);
            await output.WriteLineAsync(string.Create(Invariant,
                $"| {r.Script.Id} | {r.Script.Speaker} | {(r.Success ? "done" : "**failed**")} | {r.Turns.Count} | {r.CallsRight}/{r.Script.Calls.Count} · {r.CallsWrong} | {(r.ReferenceReadBack ? "yes" : "no")} | {r.Repeats} | {wer.Rate:P0} | {r.Failure ?? ""} |")).ConfigureAwait(false);
        }

        int done = results.Count(r => r.Success);
        WordErrorRate total = results.SelectMany(r => r.Turns).Aggregate(default(WordErrorRate), (sum, t) => sum + t.Recognition);
        await output.WriteLineAsync(string.Create(Invariant,
            $"task success: **{done}/{results.Length} = {(double)done / results.Length:P1}**; turns per dialogue {results.Average(r => r.Turns.Count):F1}; repeated replies {results.Sum(r => r.Repeats)}; caller word error rate {total.Rate:P1}; {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s")).ConfigureAwait(false);

        if (settings.Verbose)
        {
            foreach (DialogueResult r in results.Where(r => !r.Success || settings.Transcripts))
            {
                await output.WriteLineAsync($"--- {r.Script.Id} ({r.Script.Speaker}): {(r.Success ? "done" : r.Failure)}").ConfigureAwait(false);
                foreach (DialogueTurn t in r.Turns)
                {
                    await output.WriteLineAsync($"  caller: {t.Said}{(t.Recognition.Errors > 0 ? $"  [heard: {t.Heard}]" : "")}").ConfigureAwait(false);
                    await output.WriteLineAsync($"  agent:  {t.Reply}").ConfigureAwait(false);
                }

                foreach (BookCall call in r.Calls)
                {
                    await output.WriteLineAsync($"  tool:   {DialogueScoring.Describe(call)} → {call.Result}").ConfigureAwait(false);
                }
            }
        }

        return results;
    }

    /// <summary>One dialogue on its own session, receptionist and appointment book.</summary>
    public static async Task<DialogueResult> RunOneAsync(LocalSpeechEngine engine, DialogueScript script, CancellationToken cancellationToken, EngineLimits? limits = null)
    {
        var options = new ReceptionistOptions { TimeProvider = new FixedClock(Now) };
        var book = new InMemoryAppointmentBook(options);
        foreach (Appointment appointment in script.Existing)
        {
            book.Add(appointment);
        }

        foreach ((string date, string time) in script.Taken)
        {
            book.Take(DateOnly.ParseExact(date, "yyyy-MM-dd", Invariant), TimeOnly.ParseExact(time, "HH:mm", Invariant));
        }

        using var brain = new ReceptionistChatClient(options);
        using var local = new LocalRealtimeClient(engine, brain, limits);
        using IRealtimeClient client = local.AsBuilder().UseFunctionInvocation().Build();
        IReadOnlyList<DialogueTurn> turns = await new DialogueRun(client, engine.Speech, script, book, DateOnly.FromDateTime(Now.UtcDateTime))
            .RunAsync(cancellationToken).ConfigureAwait(false);
        return DialogueScoring.Score(script, turns, book.Calls);
    }

    /// <summary>A clock that stays at one moment: every dialogue happens on the same Monday morning.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
