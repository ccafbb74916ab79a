using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Voxgate.Speech.Brain;

namespace Voxgate.Benchmarks;

/// <summary>The built-in receptionist's whole reply to one caller turn, with the booking tools on offer.</summary>
[HideColumns("× realtime")]
public class BrainBenchmarks
{
    private ReceptionistChatClient _brain = null!;
    private ChatOptions _options = null!;
    private List<ChatMessage> _messages = null!;

    [Params("what are your opening hours", "what time is it", "i would like to book an appointment on friday at ten")]
    public string Said { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _brain = new ReceptionistChatClient();
        AIFunction check = AIFunctionFactory.Create((string date, string time) => true, "check_availability", "Checks whether a slot is free.");
        AIFunction book = AIFunctionFactory.Create((string date, string time) => "A1", "book_appointment", "Books a slot.");
        _options = new ChatOptions { Tools = [check, book] };
        _messages = [new ChatMessage(ChatRole.System, "You are the front desk."), new ChatMessage(ChatRole.User, Said)];
    }

    [Benchmark]
    public ChatResponse Reply() => _brain.GetResponseAsync(_messages, _options).GetAwaiter().GetResult();
}
