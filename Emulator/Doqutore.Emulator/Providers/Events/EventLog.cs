using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>
/// The last <see cref="EventsOptions.RecentEvents"/> events put on any bus, with the rules they matched and
/// each delivery's outcome, plus running totals: what <c>GET /_doqutore/events</c> shows. Holds envelopes,
/// never the bodies sent to targets.
/// </summary>
public sealed class EventLog(IOptions<EventsOptions> options) : IResettable
{
    private readonly object _lock = new();
    private readonly LinkedList<EventLogEntry> _entries = new();
    private long _delivered;
    private long _retried;
    private long _deadLettered;
    private long _dropped;

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Retried => Interlocked.Read(ref _retried);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Deliveries that failed for good with no dead-letter queue, or whose dead-letter send failed too.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public EventLogEntry Add(string busName, JsonObject envelope, bool readOnlyManagementEvent)
    {
        var entry = new EventLogEntry(busName, envelope, readOnlyManagementEvent);
        lock (_lock)
        {
            _entries.AddLast(entry);
            while (_entries.Count > Math.Max(1, options.Value.RecentEvents))
            {
                _entries.RemoveFirst();
            }
        }

        return entry;
    }

    public void CountDelivered() => Interlocked.Increment(ref _delivered);

    public void CountRetried() => Interlocked.Increment(ref _retried);

    public void CountDeadLettered() => Interlocked.Increment(ref _deadLettered);

    public void CountDropped() => Interlocked.Increment(ref _dropped);

    public JsonObject ToJson()
    {
        EventLogEntry[] entries;
        lock (_lock)
        {
            entries = [.. _entries];
        }

        return new JsonObject
        {
            ["delivered"] = Delivered,
            ["retried"] = Retried,
            ["deadLettered"] = DeadLettered,
            ["dropped"] = Dropped,
            ["events"] = new JsonArray(entries.Select(e => (JsonNode?)e.ToJson()).ToArray()),
        };
    }

    public void Reset()
    {
        lock (_lock)
        {
            _entries.Clear();
        }

        Interlocked.Exchange(ref _delivered, 0);
        Interlocked.Exchange(ref _retried, 0);
        Interlocked.Exchange(ref _deadLettered, 0);
        Interlocked.Exchange(ref _dropped, 0);
    }
}

/// <summary>One event of the log: its envelope, the rules it matched and one <see cref="DeliveryRecord"/> per target.</summary>
public sealed class EventLogEntry(string busName, JsonObject envelope, bool readOnlyManagementEvent)
{
    private readonly List<string> _matchedRules = [];
    private readonly List<DeliveryRecord> _deliveries = [];

    // Kept as text: JSON nodes are not safe to read from several threads at once.
    private readonly string _envelope = envelope.ToJsonString();

    public string BusName { get; } = busName;

    public bool ReadOnlyManagementEvent { get; } = readOnlyManagementEvent;

    public void Matched(string ruleArn)
    {
        lock (_deliveries)
        {
            _matchedRules.Add(ruleArn);
        }
    }

    public DeliveryRecord Delivery(string ruleArn, EventTarget target)
    {
        var record = new DeliveryRecord(ruleArn, target.Id, target.Arn);
        lock (_deliveries)
        {
            _deliveries.Add(record);
        }

        return record;
    }

    public JsonObject ToJson()
    {
        lock (_deliveries)
        {
            var envelope = JsonNode.Parse(_envelope, documentOptions: EventEnvelope.DetailOptions)!.AsObject();
            return new JsonObject
            {
                ["id"] = envelope["id"]?.DeepClone(),
                ["eventBusName"] = BusName,
                ["account"] = envelope["account"]?.DeepClone(),
                ["region"] = envelope["region"]?.DeepClone(),
                ["source"] = envelope["source"]?.DeepClone(),
                ["detailType"] = envelope["detail-type"]?.DeepClone(),
                ["time"] = envelope["time"]?.DeepClone(),
                ["readOnlyManagementEvent"] = ReadOnlyManagementEvent,
                ["event"] = envelope,
                ["matchedRules"] = new JsonArray(_matchedRules.Select(r => (JsonNode?)r).ToArray()),
                ["deliveries"] = new JsonArray(_deliveries.Select(d => (JsonNode?)d.ToJson()).ToArray()),
            };
        }
    }
}

/// <summary>The outcome of one event's delivery to one target, updated by the delivery worker as it goes.</summary>
public sealed class DeliveryRecord(string ruleArn, string targetId, string targetArn)
{
    private readonly object _lock = new();
    private string _status = DeliveryStatus.Pending;
    private int _attempts;
    private string? _errorCode;
    private string? _errorMessage;
    private string? _messageId;

    public string Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    public int Attempts
    {
        get
        {
            lock (_lock)
            {
                return _attempts;
            }
        }
    }

    public void Update(string status, int attempts, string? errorCode = null, string? errorMessage = null, string? messageId = null)
    {
        lock (_lock)
        {
            _status = status;
            _attempts = attempts;
            _errorCode = errorCode ?? _errorCode;
            _errorMessage = errorMessage ?? _errorMessage;
            _messageId = messageId ?? _messageId;
        }
    }

    public JsonObject ToJson()
    {
        lock (_lock)
        {
            var json = new JsonObject
            {
                ["ruleArn"] = ruleArn,
                ["targetId"] = targetId,
                ["targetArn"] = targetArn,
                ["status"] = _status,
                ["attempts"] = _attempts,
            };
            if (_errorCode is not null)
            {
                json["errorCode"] = _errorCode;
                json["errorMessage"] = _errorMessage;
            }

            if (_messageId is not null)
            {
                json["messageId"] = _messageId;
            }

            return json;
        }
    }
}

/// <summary>The statuses of a <see cref="DeliveryRecord"/>.</summary>
public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Retrying = "retrying";
    public const string Delivered = "delivered";
    public const string DeadLettered = "dead-lettered";

    /// <summary>Failed for good with no dead-letter queue to take it (counted and logged).</summary>
    public const string Dropped = "dropped";

    /// <summary>Failed for good, and sending it to the dead-letter queue failed as well (counted and logged).</summary>
    public const string DeadLetterFailed = "dead-letter-failed";
}
