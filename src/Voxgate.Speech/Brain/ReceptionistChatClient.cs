using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Brain;

/// <summary>
/// The built-in offline brain: a deterministic front-desk receptionist for a clinic or salon. It greets, tells
/// the time, the date and the opening hours, and books, moves and cancels appointments by calling the
/// <c>check_availability</c>, <c>book_appointment</c> and <c>cancel_appointment</c> tools offered in
/// <see cref="ChatOptions.Tools"/>, one call per response. It keeps no state between calls: everything
/// comes from the message history, so it works behind any middleware.
/// </summary>
public sealed class ReceptionistChatClient : IChatClient
{
    /// <summary>The model id reported in responses and metadata.</summary>
    public const string ModelId = "voxgate-receptionist";

    private readonly ReceptionistOptions _options;
    private readonly ReceptionistDialogue _dialogue;
    private readonly ChatClientMetadata _metadata = new("voxgate", null, ModelId);

    /// <summary>Creates a receptionist with the given settings, or the defaults.</summary>
    /// <exception cref="TimeZoneNotFoundException">The time zone id is unknown.</exception>
    public ReceptionistChatClient(ReceptionistOptions? options = null)
    {
        _options = options ?? new ReceptionistOptions();
        foreach ((DayOfWeek day, DailyHours hours) in _options.OpeningHours)
        {
            if (hours.Closes <= hours.Opens)
            {
                throw new ArgumentException($"The opening hours of {day} close before they open.", nameof(options));
            }
        }

        _dialogue = new ReceptionistDialogue(_options);
    }

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();

        Reply reply = _dialogue.Respond(messages, BookingTools.From(options));
        AIContent content = reply.Call is { } call ? call : new TextContent(reply.Text);
        var message = new ChatMessage(ChatRole.Assistant, [content]) { MessageId = NewId("msg") };
        return Task.FromResult(new ChatResponse(message)
        {
            ResponseId = NewId("resp"),
            ModelId = ModelId,
            CreatedAt = _options.TimeProvider.GetUtcNow(),
            FinishReason = reply.Call is null ? ChatFinishReason.Stop : ChatFinishReason.ToolCalls,
            AdditionalProperties = Expecting(reply),
        });
    }

    /// <inheritdoc />
    /// <remarks>Text comes a word at a time, so a speech engine can start on the first sentence; a tool call comes whole in one update.</remarks>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChatResponse response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        ChatMessage message = response.Messages[0];

        if (message.Contents[0] is FunctionCallContent call)
        {
            yield return Update(response, message, [call], response.FinishReason);
            yield break;
        }

        string[] words = message.Text.Split(' ');
        for (int i = 0; i < words.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool last = i == words.Length - 1;
            yield return Update(response, message, [new TextContent(last ? words[i] : words[i] + " ")], last ? response.FinishReason : null);
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing to release: the receptionist holds no resources.
    }

    private static ChatResponseUpdate Update(ChatResponse response, ChatMessage message, IList<AIContent> contents, ChatFinishReason? finishReason) =>
        new(ChatRole.Assistant, contents)
        {
            ResponseId = response.ResponseId,
            MessageId = message.MessageId,
            ModelId = response.ModelId,
            CreatedAt = response.CreatedAt,
            FinishReason = finishReason,
            AdditionalProperties = response.AdditionalProperties,
        };

    /// <summary>What the reply asks for, for the engine's recogniser; nothing for a tool call or a statement.</summary>
    private static AdditionalPropertiesDictionary? Expecting(Reply reply)
    {
        ExpectedAnswer expected = Questions.KindOf(reply.Text) switch
        {
            QuestionKind.YesNo => ExpectedAnswer.YesOrNo,
            QuestionKind.Name => ExpectedAnswer.Name,
            QuestionKind.Day => ExpectedAnswer.Day,
            QuestionKind.Time => ExpectedAnswer.Time,
            QuestionKind.Reference => ExpectedAnswer.Reference,

            // "Which booking?" is answered with a day or a time: no one kind of answer to listen for.
            _ => ExpectedAnswer.Anything,
        };
        return expected == ExpectedAnswer.Anything ? null : new() { [ExpectedAnswers.PropertyName] = expected };
    }

    private static string NewId(string prefix) => $"{prefix}_{Guid.NewGuid():N}";
}
