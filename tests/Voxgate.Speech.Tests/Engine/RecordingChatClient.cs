using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Tests.Engine;

/// <summary>A brain that answers every request with the same words and keeps the messages each request held.</summary>
internal sealed class RecordingChatClient(string reply = "Noted.") : IChatClient
{
    private readonly List<IReadOnlyList<ChatMessage>> _requests = [];
    private readonly SemaphoreSlim _asked = new(0);

    /// <summary>The messages of each request so far, in order.</summary>
    public IReadOnlyList<IReadOnlyList<ChatMessage>> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(messages);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Record(messages);
        await Task.Yield();
        yield return new ChatResponseUpdate(ChatRole.Assistant, reply);
    }

    /// <summary>Waits until the brain has been asked <paramref name="count"/> times in all.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (Requests.Count < count)
        {
            await _asked.WaitAsync(cts.Token);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private void Record(IEnumerable<ChatMessage> messages)
    {
        lock (_requests)
        {
            _requests.Add([.. messages]);
        }

        _asked.Release();
    }
}
