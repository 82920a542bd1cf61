using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Core;

/// <summary>
/// The emulator's outgoing mail: every email a service would send (SNS email and email-json subscriptions,
/// later Cognito codes) lands here instead of on an SMTP server, readable at <c>GET /_doqutore/outbox</c>
/// and cleared by <c>DELETE /_doqutore/outbox</c> or a reset. Bodies are kept for the reader, never logged.
/// </summary>
public sealed class Outbox(TimeProvider clock) : IResettable
{
    /// <summary>The most mails kept; the oldest go first, so a long-running emulator cannot grow without bound.</summary>
    public const int Capacity = 10_000;

    private readonly LinkedList<OutboxMail> _mails = new();
    private readonly Lock _gate = new();

    /// <summary>Adds a mail and returns it with its id and time.</summary>
    public OutboxMail Send(OutgoingMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var stored = new OutboxMail(Guid.NewGuid().ToString(), clock.GetUtcNow(), mail);
        lock (_gate)
        {
            _mails.AddLast(stored);
            if (_mails.Count > Capacity)
            {
                _mails.RemoveFirst();
            }
        }

        return stored;
    }

    /// <summary>Every mail, oldest first.</summary>
    public IReadOnlyList<OutboxMail> List()
    {
        lock (_gate)
        {
            return [.. _mails];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _mails.Clear();
        }
    }

    public void Reset() => Clear();
}

/// <summary>A mail a service sends.</summary>
/// <param name="To">The recipient address.</param>
/// <param name="From">The sender address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Body">The text body.</param>
/// <param name="Source">What sent it, e.g. <c>{"service":"sns","topicArn":…,"subscriptionArn":…}</c>.</param>
public sealed record OutgoingMail(string To, string From, string Subject, string Body, JsonObject Source);

/// <summary>A mail in the outbox.</summary>
public sealed record OutboxMail(string Id, DateTimeOffset Time, OutgoingMail Mail)
{
    /// <summary>The mail as <c>GET /_doqutore/outbox</c> lists it.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["time"] = Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = Mail.To,
        ["from"] = Mail.From,
        ["subject"] = Mail.Subject,
        ["body"] = Mail.Body,
        ["source"] = Mail.Source.DeepClone(),
    };
}
