using Microsoft.Extensions.AI;
using Voxgate.Speech.Brain;

namespace Voxgate.Speech.Tests.Brain;

/// <summary>
/// Whatever the recogniser makes of a caller, the receptionist answers in words: 500 seeded conversations of front-desk
/// words in random order (misheard requests, names, numbers, letters, corrections) must never throw, never leave a
/// turn unanswered, and never call more than a few tools for one turn.
/// </summary>
public sealed class ReceptionistRobustnessTests
{
    // A turn looks a booking up, checks a slot and books it at most; more is a loop.
    private const int MaxToolsPerTurn = 4;

    private static readonly DateTimeOffset Monday11 = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);

    private static readonly string[] Words =
    [
        "i", "need", "to", "cancel", "move", "book", "my", "appointment", "booking", "an", "a", "the", "on", "at", "for", "no", "yes",
        "please", "sorry", "actually", "make", "that", "instead", "it's", "name", "is", "my name is", "sam", "lee", "nina", "nine",
        "patel", "in", "priya", "shah", "sarah", "jones", "said", "two", "three", "four", "ten", "eleven", "twelve", "thirty", "half past",
        "o'clock", "am", "pm", "monday", "tuesday", "friday", "saturday", "sunday", "tomorrow", "today", "morning", "afternoon",
        "evening", "g b", "two zero two six", "one one", "two seven", "zero zero two", "s", "m", "i t h", "c l a r k", "e", "r",
        "don't know", "i don't have it", "reference", "haircut", "massage", "check up", "blood test", "what time", "when is",
        "hello", "bye", "thanks", "that's all", "you", "here", "q", "fast", "council", "already have", "how about", "not", "then",
        "mind", "for", "free", "fine", "too", "what", "again", "spell", "first", "surname", "new", "one", "it",
    ];

    [Fact]
    public async Task Answers_every_turn_of_random_front_desk_words_in_words()
    {
        for (int seed = 0; seed < 500; seed++)
        {
            var random = new Random(seed);
            var options = new ReceptionistOptions { TimeProvider = new FixedTimeProvider(Monday11) };
            var desk = new FrontDesk(options);
            desk.Book.Add(new Appointment("GB-20261127-002", new DateOnly(2026, 11, 27), new TimeOnly(10, 0), "Priya Shah"));
            desk.Book.Add(new Appointment("GB-20261124-001", new DateOnly(2026, 11, 24), new TimeOnly(15, 0), "Sam Lee"));
            var talk = new Conversation(new ReceptionistChatClient(options), desk.Tools());
            for (int turn = 0; turn < 10; turn++)
            {
                string said = string.Join(' ', Enumerable.Range(0, random.Next(1, 9)).Select(_ => Words[random.Next(Words.Length)]));
                ChatResponse response = await talk.SayAsync(said);
                for (int round = 0; Conversation.LastCall(response) is { } call; round++)
                {
                    Assert.True(round < MaxToolsPerTurn, $"seed {seed}, turn {turn}: still calling tools after \"{said}\"");
                    response = await talk.RunAsync(call);
                }

                Assert.False(string.IsNullOrWhiteSpace(response.Text), $"seed {seed}, turn {turn}: no words after \"{said}\"");
            }
        }
    }
}
