namespace Voxgate.Server.Benchmarking;

/// <summary>
/// The 30 sentences the word-error-rate benchmark speaks: front desk, clinic and everyday talk, written for this
/// test only. Any language model evaluated with them must be built from other text (see docs/benchmarks.md).
/// </summary>
internal static class WerSentences
{
    public static IReadOnlyList<string> All { get; } =
    [
        // Front desk and appointments.
        "I would like to book an appointment for next Thursday afternoon",
        "Can you move my visit from Monday to Wednesday morning",
        "Please cancel my appointment on Friday at half past two",
        "Do you have anything free tomorrow before lunch",
        "What time do you close on Saturdays",
        "Is the office open on public holidays",
        "My name is Sarah and I am calling about my booking",
        "Could you check if the dentist can see me this week",
        "I need to reschedule because my train was delayed",
        "Is there parking near the main entrance",
        // Clinic.
        "I have had a sore throat and a mild fever since Sunday",
        "The doctor asked me to come back for a blood test",
        "Can I pick up my prescription at the front desk",
        "My daughter needs a check up before school starts",
        "Do I need to bring my insurance card with me",
        "The pain in my knee gets worse when I walk upstairs",
        "Please tell the nurse that I am running ten minutes late",
        "How long does it usually take to get the results",
        "I would like to speak to someone about my bill",
        "Are you accepting new patients at the moment",
        // Everyday talk.
        "The weather is supposed to be cold and windy tonight",
        "We should leave early to avoid the traffic on the bridge",
        "She bought fresh bread and a bag of apples at the market",
        "Turn left at the library and walk two blocks north",
        "The meeting has been moved to the first week of June",
        "I forgot my umbrella on the bus this morning",
        "Could you send me the address in a text message",
        "The children played football in the park until dark",
        "Thank you very much for your help today",
        "Goodbye and have a nice evening",
    ];
}
