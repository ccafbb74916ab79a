namespace Voxgate.Server.Benchmarking;

/// <summary>
/// The development sentences of the word-error-rate benchmark: the same mix as <see cref="WerSentences"/> (front desk,
/// clinic, everyday) but other words, for tuning the recogniser and the domain language model. The test sentences are
/// for reporting only; tune on these.
/// </summary>
internal static class WerDevSentences
{
    public static IReadOnlyList<string> All { get; } =
    [
        // Front desk and appointments.
        "Hi, I'd like to book an appointment for next Wednesday.",
        "Do you have anything free on Friday afternoon?",
        "Could I come in at half past two?",
        "Actually, make that eleven instead.",
        "Can I move my appointment to Thursday the third?",
        "I need to cancel my booking for tomorrow morning.",
        "My name is Daniel Wright.",
        "Is four fifteen on Monday still available?",
        "Yes, that time works for me, thank you.",
        "What time do you close on Saturdays?",

        // Clinic.
        "I would like to see a doctor about my back pain.",
        "Can I get my blood test results over the phone?",
        "My daughter needs a flu vaccination before winter.",
        "Is the nurse available for a quick check up today?",
        "I need to renew my prescription for blood pressure tablets.",
        "Do I need to fast before the appointment?",
        "I have had a sore throat and a fever since Sunday.",
        "Can I book a follow up with the same doctor?",
        "Is there parking near the clinic entrance?",
        "Please send the reminder to my mobile number.",

        // Everyday talk.
        "The train was late again this morning.",
        "We are going to visit my parents at the weekend.",
        "Could you turn the music down a little please?",
        "I left my keys on the kitchen table.",
        "It looks like it might rain later this afternoon.",
        "She bought a new bicycle for her birthday.",
        "Let me know when you get home safely.",
        "The meeting has been moved to the big room upstairs.",
        "I think the shop closes at six on weekdays.",
        "He forgot to water the plants before the holiday.",
    ];
}
