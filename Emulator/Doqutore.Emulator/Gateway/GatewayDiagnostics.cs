using System.Collections.Concurrent;

namespace Doqutore.Emulator.Gateway;

/// <summary>
/// Counts what should never happen: an exception no provider or codec turned into an AWS error. Tests
/// and fuzzers read it from <c>GET /_doqutore/diagnostics</c> and expect zero.
/// </summary>
public sealed class GatewayDiagnostics
{
    private const int Kept = 20;
    private readonly ConcurrentQueue<string> _recent = new();
    private long _unexpected;
    private long _requests;

    public long UnexpectedExceptions => Interlocked.Read(ref _unexpected);

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>The last few unexpected exceptions: type, message and where (no request data).</summary>
    public IReadOnlyCollection<string> Recent => _recent.ToArray();

    public void CountRequest() => Interlocked.Increment(ref _requests);

    public void Unexpected(string where, Exception exception)
    {
        Interlocked.Increment(ref _unexpected);
        _recent.Enqueue($"{where}: {exception.GetType().FullName}: {exception.Message} @ {exception.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
        while (_recent.Count > Kept && _recent.TryDequeue(out _))
        {
        }
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _unexpected, 0);
        _recent.Clear();
    }
}
