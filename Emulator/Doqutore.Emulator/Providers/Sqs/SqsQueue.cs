// One queue: its attributes, tags and messages, every change under one lock.
//
// Messages are kept in send order. A receive scans them once: expired messages (retention) are dropped, messages
// past the redrive limit are taken out for the dead-letter queue, visible ones are handed out with a new receipt
// handle and hidden for the visibility timeout. FIFO queues hand out a message group only while none of its
// messages is in flight or ahead of it still hidden, so each group is delivered in order, one batch at a time.
//
// Long polling never blocks a thread: a receiver that finds nothing awaits Arrival (a task completed and replaced
// by every send, visibility change to 0 and purge) or the moment the next hidden message becomes visible, whichever
// comes first, then scans again until its wait time is over.
namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>A queue and its messages (see the file header).</summary>
internal sealed class SqsQueue
{
    private static readonly TimeSpan DeduplicationInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromSeconds(60);

    private readonly object _gate = new();
    private readonly List<SqsMessage> _messages = [];
    private readonly Dictionary<string, SqsMessage> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SqsMessage Message, DateTimeOffset Expires)> _deduplication = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _attributes;
    private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);
    private TaskCompletionSource _arrival = NewArrival();
    private long _sequence;
    private DateTimeOffset? _lastPurge;

    public SqsQueue(string accountId, string region, string name, Dictionary<string, string> attributes, RedrivePolicy? redrive, DateTimeOffset now)
    {
        AccountId = accountId;
        Region = region;
        Name = name;
        Arn = QueueNames.Arn(region, accountId, name);
        IsFifo = name.EndsWith(QueueNames.FifoSuffix, StringComparison.Ordinal);
        _attributes = attributes;
        Redrive = redrive;
        CreatedAt = now;
        LastModifiedAt = now;
    }

    public string AccountId { get; }

    public string Region { get; }

    public string Name { get; }

    public string Arn { get; }

    public bool IsFifo { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset LastModifiedAt { get; private set; }

    public RedrivePolicy? Redrive { get; private set; }

    /// <summary>Set when the queue is deleted: long pollers stop waiting on it.</summary>
    public bool IsDeleted { get; private set; }

    public string? Policy
    {
        get
        {
            lock (_gate)
            {
                return _attributes.TryGetValue(QueueAttributes.Policy, out var policy) && policy.Length > 0 ? policy : null;
            }
        }
    }

    public int MaximumMessageSize => IntAttribute(QueueAttributes.MaximumMessageSize);

    public int VisibilityTimeout => IntAttribute(QueueAttributes.VisibilityTimeout);

    public int DelaySeconds => IntAttribute(QueueAttributes.DelaySeconds);

    public int ReceiveMessageWaitTimeSeconds => IntAttribute(QueueAttributes.ReceiveMessageWaitTimeSeconds);

    public bool ContentBasedDeduplication
    {
        get
        {
            lock (_gate)
            {
                return _attributes.GetValueOrDefault(QueueAttributes.ContentBasedDeduplication) == "true";
            }
        }
    }

    /// <summary>A copy of the settable attributes that are set.</summary>
    public Dictionary<string, string> Attributes()
    {
        lock (_gate)
        {
            return new Dictionary<string, string>(_attributes, StringComparer.Ordinal);
        }
    }

    /// <summary>Sets attributes (already validated); an empty value removes an optional one.</summary>
    public void SetAttributes(IReadOnlyDictionary<string, string> attributes, RedrivePolicy? redrive, bool redriveGiven, DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var (name, value) in attributes)
            {
                if (value.Length == 0 && name is QueueAttributes.Policy or QueueAttributes.RedrivePolicy or QueueAttributes.RedriveAllowPolicy or QueueAttributes.KmsMasterKeyId)
                {
                    _attributes.Remove(name);
                }
                else
                {
                    _attributes[name] = value;
                }
            }

            if (redriveGiven)
            {
                Redrive = redrive;
            }

            LastModifiedAt = now;
        }
    }

    public Dictionary<string, string> Tags()
    {
        lock (_gate)
        {
            return new Dictionary<string, string>(_tags, StringComparer.Ordinal);
        }
    }

    public void Tag(IReadOnlyDictionary<string, string> tags)
    {
        lock (_gate)
        {
            foreach (var (key, value) in tags)
            {
                _tags[key] = value;
            }
        }
    }

    public void Untag(IEnumerable<string> keys)
    {
        lock (_gate)
        {
            foreach (var key in keys)
            {
                _tags.Remove(key);
            }
        }
    }

    /// <summary>Message counts for the Approximate* attributes: visible, in flight, delayed.</summary>
    public (int Visible, int InFlight, int Delayed) Counts(DateTimeOffset now)
    {
        lock (_gate)
        {
            DropExpired(now);
            int visible = 0, inFlight = 0, delayed = 0;
            foreach (var message in _messages)
            {
                if (message.IsVisible(now))
                {
                    visible++;
                }
                else if (message.ReceiveCount > 0)
                {
                    inFlight++;
                }
                else
                {
                    delayed++;
                }
            }

            return (visible, inFlight, delayed);
        }
    }

    /// <summary>
    /// Adds a message, delayed by <paramref name="delay"/>. On a FIFO queue a deduplication id seen in the last five
    /// minutes returns the message first sent with it and adds nothing.
    /// </summary>
    public SqsMessage Enqueue(SqsMessage message, TimeSpan delay, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (IsFifo && message.DeduplicationId is { } deduplicationId)
            {
                var key = _attributes.GetValueOrDefault(QueueAttributes.DeduplicationScope) == "messageGroup" ? $"{message.GroupId}\n{deduplicationId}" : deduplicationId;
                if (_deduplication.TryGetValue(key, out var seen) && seen.Expires > now)
                {
                    return seen.Message;
                }

                message.SequenceNumber = NextSequenceNumber();
                _deduplication[key] = (message, now + DeduplicationInterval);
            }

            message.VisibleAt = now + delay;
            _messages.Add(message);
            _byId[message.MessageId] = message;
            Signal();
            return message;
        }
    }

    /// <summary>Takes a message a source queue's redrive moved here: visible now, its id and history kept.</summary>
    public void Adopt(SqsMessage message, string sourceArn, DateTimeOffset now)
    {
        lock (_gate)
        {
            message.DeadLetterSourceArn = sourceArn;
            message.ReceiptHandle = null;
            message.VisibleAt = now;
            if (IsFifo)
            {
                message.SequenceNumber = NextSequenceNumber();
            }

            _messages.Add(message);
            _byId[message.MessageId] = message;
            Signal();
        }
    }

    /// <summary>
    /// Hands out up to <paramref name="max"/> visible messages, hidden for <paramref name="visibilityTimeout"/>.
    /// Messages past <paramref name="maxReceiveCount"/> receives are removed and returned in <c>DeadLettered</c>
    /// for the caller to move (null: no redrive).
    /// </summary>
    public (IReadOnlyList<ReceivedMessage> Received, IReadOnlyList<SqsMessage> DeadLettered) Receive(int max, TimeSpan visibilityTimeout, int? maxReceiveCount, DateTimeOffset now)
    {
        lock (_gate)
        {
            DropExpired(now);
            var received = new List<ReceivedMessage>();
            var deadLettered = new List<SqsMessage>();
            var blockedGroups = IsFifo ? new HashSet<string>(StringComparer.Ordinal) : null;
            for (var i = 0; i < _messages.Count && received.Count < max; i++)
            {
                var message = _messages[i];
                var group = message.GroupId ?? string.Empty;
                if (blockedGroups is not null && blockedGroups.Contains(group))
                {
                    continue;
                }

                if (!message.IsVisible(now))
                {
                    blockedGroups?.Add(group);
                    continue;
                }

                if (maxReceiveCount is { } limit && message.ReceiveCount >= limit)
                {
                    _messages.RemoveAt(i--);
                    _byId.Remove(message.MessageId);
                    deadLettered.Add(message);
                    continue;
                }

                message.ReceiveCount++;
                message.FirstReceivedAt ??= now;
                message.LastReceivedAt = now;
                message.VisibleAt = now + visibilityTimeout;
                message.ReceiptHandle = ReceiptHandles.New(Arn, message.MessageId);
                received.Add(new ReceivedMessage(message, message.ReceiptHandle, message.ReceiveCount, now));
            }

            return (received, deadLettered);
        }
    }

    /// <summary>The task a long poller awaits, and when the next hidden message becomes visible (null: none is hidden).</summary>
    public (Task Arrival, DateTimeOffset? NextVisible) WaitState(DateTimeOffset now)
    {
        lock (_gate)
        {
            DateTimeOffset? next = null;
            foreach (var message in _messages)
            {
                if (message.VisibleAt > now && (next is null || message.VisibleAt < next))
                {
                    next = message.VisibleAt;
                }
            }

            return (_arrival.Task, next);
        }
    }

    /// <summary>Deletes the message a receipt handle names; a stale handle of a message still here deletes it too. [guess]</summary>
    public bool Delete(string receiptHandle)
    {
        var messageId = ReceiptHandles.MessageId(Arn, receiptHandle);
        lock (_gate)
        {
            if (!_byId.Remove(messageId, out var message))
            {
                return false;
            }

            _messages.Remove(message);
            return true;
        }
    }

    /// <summary>
    /// Changes the visibility timeout of the in-flight message a current receipt handle names, counted from now; the
    /// total since its receive may not pass 12 hours. Timeout 0 makes it visible at once.
    /// </summary>
    public void ChangeVisibility(string receiptHandle, int timeoutSeconds, DateTimeOffset now)
    {
        var messageId = ReceiptHandles.MessageId(Arn, receiptHandle);
        lock (_gate)
        {
            if (!_byId.TryGetValue(messageId, out var message) || message.ReceiptHandle != receiptHandle)
            {
                throw SqsErrors.InvalidParameterValue(receiptHandle, "ReceiptHandle", "Message does not exist or is not available for visibility timeout change.");
            }

            if (!message.IsInFlight(now))
            {
                throw SqsErrors.MessageNotInflight();
            }

            if ((now - message.LastReceivedAt!.Value).TotalSeconds + timeoutSeconds > 43_200)
            {
                throw SqsErrors.InvalidParameterValue(
                    timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "VisibilityTimeout",
                    "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]");
            }

            message.VisibleAt = now + TimeSpan.FromSeconds(timeoutSeconds);
            if (timeoutSeconds == 0)
            {
                Signal();
            }
        }
    }

    /// <summary>Deletes every message; AWS allows one purge a minute.</summary>
    public void Purge(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_lastPurge is { } last && now - last < PurgeInterval)
            {
                throw SqsErrors.PurgeQueueInProgress(Name);
            }

            _lastPurge = now;
            _messages.Clear();
            _byId.Clear();
        }
    }

    public void MarkDeleted()
    {
        lock (_gate)
        {
            IsDeleted = true;
            Signal();
        }
    }

    private int IntAttribute(string name)
    {
        lock (_gate)
        {
            return QueueAttributes.Int(_attributes, name);
        }
    }

    private void DropExpired(DateTimeOffset now)
    {
        var retention = TimeSpan.FromSeconds(QueueAttributes.Int(_attributes, QueueAttributes.MessageRetentionPeriod));
        if (_messages.Count > 0 && _messages[0].SentAt + retention <= now)
        {
            foreach (var expired in _messages.Where(m => m.SentAt + retention <= now).ToArray())
            {
                _messages.Remove(expired);
                _byId.Remove(expired.MessageId);
            }
        }

        if (_deduplication.Count > 0)
        {
            foreach (var key in _deduplication.Where(d => d.Value.Expires <= now).Select(d => d.Key).ToArray())
            {
                _deduplication.Remove(key);
            }
        }
    }

    // FIFO sequence numbers: 20 digits, increasing per queue.
    private string NextSequenceNumber() =>
        (18_000_000_000_000_000_000m + ++_sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void Signal() => Interlocked.Exchange(ref _arrival, NewArrival()).TrySetResult();

    private static TaskCompletionSource NewArrival() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A message as one receive handed it out (its mutable fields captured under the queue's lock).</summary>
/// <param name="Message">The message.</param>
/// <param name="ReceiptHandle">This receive's handle.</param>
/// <param name="ReceiveCount">The receive count including this receive.</param>
/// <param name="ReceivedAt">When this receive happened.</param>
internal sealed record ReceivedMessage(SqsMessage Message, string ReceiptHandle, int ReceiveCount, DateTimeOffset ReceivedAt);
