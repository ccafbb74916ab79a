using System.Text.RegularExpressions;

namespace Voxgate.Calls.Analytics;

/// <summary>
/// The signals behind the offline lead-intent score (0…100) and what each is worth. A call starts at
/// <see cref="Base"/> when the caller said anything; each signal found adds its points once (objections once per turn,
/// at most twice); the sum is clamped to 0…100.
/// Bands: low 0–34, medium 35–64, high 65–100. The weights follow the fit + engagement point schemes of CRM lead
/// scoring: a booked next step outweighs everything, asking about availability, price or a near date shows intent,
/// objections, cancelling and "wrong number" take it away.
/// </summary>
public static partial class LeadSignals
{
    /// <summary>Where every call starts: someone called.</summary>
    public const int Base = 20;

    /// <summary><c>book_appointment</c> succeeded and the booking still stands when the call ends.</summary>
    public const int BookingMade = 55;

    /// <summary><c>reschedule_appointment</c> succeeded: an existing patient keeps coming.</summary>
    public const int Rescheduled = 30;

    /// <summary>The caller asked about availability (or the agent checked it for them).</summary>
    public const int AvailabilityAsked = 20;

    /// <summary>The caller asked what it costs.</summary>
    public const int PriceAsked = 15;

    /// <summary>The caller named a near date or urgency (today, tomorrow, as soon as possible, pain…).</summary>
    public const int Urgency = 15;

    /// <summary>Each objection (too expensive, think about it, call back later…), one per turn, at most twice.</summary>
    public const int Objection = -15;

    /// <summary><c>cancel_appointment</c> succeeded.</summary>
    public const int Cancelled = -25;

    /// <summary>Wrong number, not interested, stop calling.</summary>
    public const int NotInterested = -40;

    /// <summary>The call ended on the caller's unanswered question, or with the agent cut off mid-sentence.</summary>
    public const int HungUpUnanswered = -15;

    [GeneratedRegex(@"\b(available|availability|any (slots?|appointments?|times?)|free (slots?|times?)|fit me in|come in|(can|could) (i|we|he|she) (book|get|have|come|be seen)|book (me|a|an|in|something)|do you have (any|anything)|see (the|a) (doctor|nurse|dentist))\b", RegexOptions.IgnoreCase)]
    internal static partial Regex AvailabilityWords();

    [GeneratedRegex(@"\b(how much|price|prices|pricing|cost|costs|fee|fees|charge|insurance|quote)\b", RegexOptions.IgnoreCase)]
    internal static partial Regex PriceWords();

    [GeneratedRegex(@"\b(today|tonight|tomorrow|asap|as soon as|urgent|urgently|emergency|right away|this week|earliest|in pain|hurts|straight away)\b", RegexOptions.IgnoreCase)]
    internal static partial Regex UrgencyWords();

    [GeneratedRegex(@"\b(too expensive|expensive|too far|think about it|call (you )?back|maybe later|just looking|just checking|can'?t afford|somewhere else|cheaper|another clinic|not right now)\b", RegexOptions.IgnoreCase)]
    internal static partial Regex ObjectionWords();

    [GeneratedRegex(@"\b(wrong number|not interested|stop calling|remove me|don'?t call|no thanks,? bye|meant to call)\b", RegexOptions.IgnoreCase)]
    internal static partial Regex NotInterestedWords();

    [GeneratedRegex(@"\b(opening hours|what time do you (open|close)|are you open|when are you open|hours)\b", RegexOptions.IgnoreCase)]
    internal static partial Regex HoursWords();

    [GeneratedRegex(@"\b(where are you|address|parking|directions|located)\b", RegexOptions.IgnoreCase)]
    internal static partial Regex LocationWords();

    /// <summary>Starts a question, for telling a caller's unanswered question from a closing "OK, thanks".</summary>
    [GeneratedRegex(@"\?|^\s*(what|when|where|how|why|who|which|can|could|do|does|is|are|will|would|have|has)\b", RegexOptions.IgnoreCase)]
    internal static partial Regex Question();

    /// <summary>
    /// Words VADER's lexicon scores that on a clinic's phone line carry no feeling: turn-taking answers (yes, no, OK,
    /// please), booking vocabulary (a slot is "free", an appointment is "cancelled") and "wrong number". Removed before scoring.
    /// </summary>
    [GeneratedRegex(@"\b(yes|yeah|yep|no|ok|okay|please|free|cancel|cancels|cancelled|canceled|cancelling|cancellation|wrong(?= number))\b", RegexOptions.IgnoreCase)]
    internal static partial Regex CallNeutralWords();

    // "I'd like to", "would like": wanting, not liking; VADER would read "like" as praise (+1.5).
    [GeneratedRegex(@"\b(would|'d|i|we) like\b|\blike to\b", RegexOptions.IgnoreCase)]
    internal static partial Regex WantingLike();
}
