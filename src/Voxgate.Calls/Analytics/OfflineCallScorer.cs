using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Voxgate.Calls.Appointments;
using Voxgate.Calls.Records;

namespace Voxgate.Calls.Analytics;

/// <summary>
/// The default scorer, offline and deterministic. Sentiment: VADER's compound score per sentence (after removing the
/// words <see cref="LeadSignals.CallNeutralWords"/> lists), averaged with each sentence weighted by its own strength;
/// the caller's sentences weigh 80 % and the agent's 20 % (the agent is polite whatever happens). Intent: the points
/// of <see cref="LeadSignals"/>. Outcome: the last booking tool that succeeded, else whether the caller was answered.
/// </summary>
public sealed partial class OfflineCallScorer(VaderAnalyzer vader) : ICallScorer
{
    public const string Name = "offline";

    private const double CallerWeight = 0.8;
    private const double AgentWeight = 0.2;
    private const double NeutralSentenceWeight = 0.05;
    private const double EvidenceThreshold = 0.25;

    public Task<CallScore> ScoreAsync(CallDetail detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(detail);
        CallDetail call = detail;
        var evidence = new List<ScoreEvidence>();
        double sentiment = ScoreSentiment(call, evidence);
        Facts facts = ReadFacts(call);
        int intent = ScoreIntent(call, facts, evidence);
        (string outcome, string summary) = Outcome(call, facts, sentiment, evidence);
        return Task.FromResult(new CallScore(sentiment, intent, outcome, summary, evidence, Name));
    }

    private double ScoreSentiment(CallDetail call, List<ScoreEvidence> evidence)
    {
        var phrases = new List<(string Role, int Turn, string Text, double Score)>();
        foreach (TurnRecord turn in call.Turns.Where(t => !string.IsNullOrWhiteSpace(t.Text)))
        {
            foreach (string sentence in Sentences().Split(turn.Text).Where(s => !string.IsNullOrWhiteSpace(s)))
            {
                string text = LeadSignals.CallNeutralWords().Replace(sentence, string.Empty);
                text = LeadSignals.WantingLike().Replace(text, m => m.Value.Replace("like", "want", StringComparison.OrdinalIgnoreCase));
                phrases.Add((turn.Role, turn.Seq, sentence.Trim(), vader.Compound(text)));
            }
        }

        double? caller = IntensityWeightedMean(phrases.Where(p => p.Role == TurnRole.Caller).Select(p => p.Score));
        double agent = IntensityWeightedMean(phrases.Where(p => p.Role == TurnRole.Agent).Select(p => p.Score)) ?? 0;
        double sentiment = caller is { } c ? (CallerWeight * c) + (AgentWeight * agent) : AgentWeight * agent;

        foreach (var phrase in phrases.Where(p => p.Role == TurnRole.Caller && Math.Abs(p.Score) >= EvidenceThreshold).OrderByDescending(p => Math.Abs(p.Score)).Take(4)
            .Concat(phrases.Where(p => p.Role == TurnRole.Agent && Math.Abs(p.Score) >= EvidenceThreshold).OrderByDescending(p => Math.Abs(p.Score)).Take(2)))
        {
            evidence.Add(new ScoreEvidence("sentiment", phrase.Role + "_phrase", Clip(phrase.Text), phrase.Score, phrase.Turn));
        }

        return Math.Round(Math.Clamp(sentiment, -1, 1), 3);
    }

    /// <summary>
    /// The mean of sentence scores, each weighted by its own strength (plus a little, so neutral sentences pull towards 0):
    /// one furious sentence outweighs two polite ones, as it does to a person listening. Null when there are none.
    /// </summary>
    private static double? IntensityWeightedMean(IEnumerable<double> scores)
    {
        double sum = 0, weights = 0;
        foreach (double score in scores)
        {
            double weight = Math.Abs(score) + NeutralSentenceWeight;
            sum += score * weight;
            weights += weight;
        }

        return weights > 0 ? sum / weights : null;
    }

    private static int ScoreIntent(CallDetail call, Facts facts, List<ScoreEvidence> evidence)
    {
        IEnumerable<TurnRecord> caller = call.Turns.Where(t => t.Role == TurnRole.Caller && !string.IsNullOrWhiteSpace(t.Text));
        int score = caller.Any() ? LeadSignals.Base : 0;
        void Add(string signal, int points, string text, int? turn)
        {
            score += points;
            evidence.Add(new ScoreEvidence("intent", signal, Clip(text), points, turn));
        }

        if (facts.Booked is { } booked && facts.LastChange != BookingChange.Cancelled)
        {
            Add("booking_made", LeadSignals.BookingMade, $"booked {booked}", null);
        }

        if (facts.Rescheduled is { } moved)
        {
            Add("rescheduled", LeadSignals.Rescheduled, $"rescheduled {moved}", null);
        }

        if (FirstMatch(caller, LeadSignals.AvailabilityWords()) is { } availability)
        {
            Add("availability_asked", LeadSignals.AvailabilityAsked, availability.Phrase, availability.Turn);
        }
        else if (facts.Checked)
        {
            Add("availability_asked", LeadSignals.AvailabilityAsked, "check_availability called", null);
        }

        if (FirstMatch(caller, LeadSignals.PriceWords()) is { } price)
        {
            Add("price_asked", LeadSignals.PriceAsked, price.Phrase, price.Turn);
        }

        if (FirstMatch(caller, LeadSignals.UrgencyWords()) is { } urgency)
        {
            Add("urgency", LeadSignals.Urgency, urgency.Phrase, urgency.Turn);
        }

        foreach (var objection in AllMatches(caller, LeadSignals.ObjectionWords()).DistinctBy(m => m.Turn).Take(2))
        {
            Add("objection", LeadSignals.Objection, objection.Phrase, objection.Turn);
        }

        if (facts.Cancelled is { } cancelled)
        {
            Add("cancelled", LeadSignals.Cancelled, $"cancelled {cancelled}", null);
        }

        if (FirstMatch(caller, LeadSignals.NotInterestedWords()) is { } notInterested)
        {
            Add("not_interested", LeadSignals.NotInterested, notInterested.Phrase, notInterested.Turn);
        }

        if (HungUpUnanswered(call) is { } hangUp)
        {
            Add("hung_up_unanswered", LeadSignals.HungUpUnanswered, hangUp, null);
        }

        return Math.Clamp(score, 0, 100);
    }

    private static (string Outcome, string Summary) Outcome(CallDetail call, Facts facts, double sentiment, List<ScoreEvidence> evidence)
    {
        int callerTurns = call.Turns.Count(t => t.Role == TurnRole.Caller && !string.IsNullOrWhiteSpace(t.Text));
        string mood = sentiment <= -0.3 ? " The caller sounded unhappy." : sentiment >= 0.5 ? " The caller sounded pleased." : string.Empty;
        string outcome;
        string summary;
        if (facts.LastChange == BookingChange.Booked)
        {
            outcome = CallOutcome.Booked;
            summary = $"Booked {facts.BookedDescription}.";
        }
        else if (facts.LastChange == BookingChange.Rescheduled)
        {
            outcome = CallOutcome.Rescheduled;
            summary = $"Rescheduled {facts.Rescheduled}.";
        }
        else if (facts.LastChange == BookingChange.Cancelled)
        {
            outcome = CallOutcome.Cancelled;
            summary = $"Cancelled {facts.Cancelled}.";
        }
        else if (callerTurns == 0 || (callerTurns == 1 && HungUpUnanswered(call) is not null))
        {
            outcome = CallOutcome.Abandoned;
            summary = callerTurns == 0 ? "The caller said nothing the agent could hear." : "The caller hung up before being answered.";
        }
        else
        {
            outcome = CallOutcome.Information;
            var topics = new List<string>();
            IEnumerable<TurnRecord> caller = call.Turns.Where(t => t.Role == TurnRole.Caller);
            if (FirstMatch(caller, LeadSignals.AvailabilityWords()) is not null || facts.Checked)
            {
                topics.Add("availability");
            }

            if (FirstMatch(caller, LeadSignals.PriceWords()) is not null)
            {
                topics.Add("prices");
            }

            if (FirstMatch(caller, LeadSignals.HoursWords()) is not null)
            {
                topics.Add("opening hours");
            }

            if (FirstMatch(caller, LeadSignals.LocationWords()) is not null)
            {
                topics.Add("the location");
            }

            if (facts.Found)
            {
                topics.Add("an existing booking");
            }

            summary = FirstMatch(caller, LeadSignals.NotInterestedWords()) is not null
                ? "Not a lead: wrong number or not interested."
                : topics.Count > 0
                    ? $"Asked about {string.Join(", ", topics)}; nothing booked."
                    : callerTurns == 1 ? "Said one thing; nothing booked." : $"Talked for {callerTurns} turns; nothing booked.";
        }

        evidence.Add(new ScoreEvidence("outcome", outcome, facts.LastChangeText ?? $"{callerTurns} caller turns, ended: {call.Call.EndReason ?? "open"}", 0, null));
        return (outcome, summary + mood);
    }

    /// <summary>What the booking tools did in the call, from their results.</summary>
    private static Facts ReadFacts(CallDetail call)
    {
        var facts = new Facts();
        foreach (ToolCallRecord tool in call.Tools.OrderBy(t => t.Seq))
        {
            JsonElement? result = tool.Result is { ValueKind: JsonValueKind.Object } r ? r : null;
            switch (tool.Name)
            {
                case AppointmentTools.CheckAvailability:
                    facts.Checked = true;
                    break;
                case AppointmentTools.FindBooking:
                    facts.Found = true;
                    break;
                case AppointmentTools.BookAppointment when IsTrue(result, "booked"):
                    facts.Booked = Text(result, "reference");
                    string service = Text(result, "service") is { Length: > 0 } s ? $"a {s}" : "an appointment";
                    facts.BookedDescription = string.Create(CultureInfo.InvariantCulture, $"{service} for {Text(result, "name")} on {Text(result, "date")} at {Text(result, "time")} ({facts.Booked})");
                    facts.Change(BookingChange.Booked, $"book_appointment: {facts.Booked}");
                    break;
                case AppointmentTools.RescheduleAppointment when IsTrue(result, "rescheduled"):
                    facts.Rescheduled = $"{Text(result, "reference")} to {Text(result, "date")} at {Text(result, "time")}";
                    facts.Change(BookingChange.Rescheduled, $"reschedule_appointment: {facts.Rescheduled}");
                    break;
                case AppointmentTools.CancelAppointment when IsTrue(result, "cancelled"):
                    facts.Cancelled = Text(result, "reference");
                    facts.Change(BookingChange.Cancelled, $"cancel_appointment: {facts.Cancelled}");
                    break;
            }
        }

        return facts;
    }

    /// <summary>Why the call looks hung up on: the caller's question unanswered, or the agent cut off by the hang-up.</summary>
    private static string? HungUpUnanswered(CallDetail call)
    {
        TurnRecord? last = call.Turns.LastOrDefault(t => !string.IsNullOrWhiteSpace(t.Text) || t.Interrupted);
        if (last is null)
        {
            return null;
        }

        if (last.Role == TurnRole.Caller && LeadSignals.Question().IsMatch(last.Text))
        {
            return $"the caller's last words went unanswered: \"{Clip(last.Text)}\"";
        }

        return last.Interrupted ? "the caller left while the agent was still speaking" : null;
    }

    private static (string Phrase, int Turn)? FirstMatch(IEnumerable<TurnRecord> turns, Regex pattern)
        => AllMatches(turns, pattern).Select(m => ((string, int)?)m).FirstOrDefault();

    private static IEnumerable<(string Phrase, int Turn)> AllMatches(IEnumerable<TurnRecord> turns, Regex pattern)
    {
        foreach (TurnRecord turn in turns)
        {
            foreach (Match match in pattern.Matches(turn.Text))
            {
                yield return (Around(turn.Text, match), turn.Seq);
            }
        }
    }

    /// <summary>The words around a match, so the evidence reads as said.</summary>
    private static string Around(string text, Match match)
    {
        int start = Math.Max(0, text.LastIndexOfAny(['.', '?', '!'], Math.Max(0, match.Index - 1)) + 1);
        int end = text.IndexOfAny(['.', '?', '!'], match.Index + match.Length);
        return Clip(text[start..(end < 0 ? text.Length : end + 1)].Trim());
    }

    private static bool IsTrue(JsonElement? result, string property)
        => result is { } r && r.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.True;

    private static string? Text(JsonElement? result, string property)
        => result is { } r && r.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Clip(string text) => text.Length <= 160 ? text : text[..157] + "...";

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex Sentences();

    private enum BookingChange
    {
        None,
        Booked,
        Rescheduled,
        Cancelled,
    }

    private sealed class Facts
    {
        public bool Checked { get; set; }
        public bool Found { get; set; }
        public string? Booked { get; set; }
        public string? BookedDescription { get; set; }
        public string? Rescheduled { get; set; }
        public string? Cancelled { get; set; }
        public BookingChange LastChange { get; private set; }
        public string? LastChangeText { get; private set; }

        public void Change(BookingChange change, string text)
        {
            LastChange = change;
            LastChangeText = text;
        }
    }
}
