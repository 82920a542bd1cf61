using System.Text.Json.Nodes;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Providers.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Doqutore.Emulator.Tests.Events;

/// <summary>
/// The delivery worker's retry policy and dead-letter queue, driven attempt by attempt with a fake clock and
/// an SQS stand-in that fails as told.
/// </summary>
public class DeliveryWorkerTests
{
    private const string RuleArn = "arn:aws:events:us-east-1:000000000000:rule/r1";
    private const string QueueArn = "arn:aws:sqs:us-east-1:000000000000:target";
    private const string DeadLetterArn = "arn:aws:sqs:us-east-1:000000000000:dlq";
    private const string EventJson = """{"version":"0","id":"e1","detail-type":"t","source":"s","account":"000000000000","time":"2024-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":{"a":1}}""";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FlakyQueue _queues = new();
    private readonly DeliveryQueue _channel = new();
    private readonly EventLog _log;
    private readonly DeliveryWorker _worker;

    public DeliveryWorkerTests()
    {
        var options = Options.Create(new EventsOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromSeconds(10) });
        _log = new EventLog(options);
        var services = new ServiceCollection().AddSingleton<IQueueSender>(_queues).BuildServiceProvider();
        _worker = new DeliveryWorker(_channel, new TargetDispatcher(services), _log, _clock, options, NullLogger<DeliveryWorker>.Instance);
    }

    [Fact]
    public async Task A_retryable_failure_is_retried_until_the_target_takes_the_event()
    {
        _queues.FailuresLeft = 2;
        var job = Job(new EventTarget("t1", QueueArn, []));

        await RunUntilSettledAsync(job);

        Assert.Equal(DeliveryStatus.Delivered, job.Record.Status);
        Assert.Equal(3, job.Attempts);
        Assert.Equal(3, _queues.Attempts);
        Assert.Equal(EventJson, Assert.Single(_queues.Sent).Message.Body);
        Assert.Equal(2, _log.Retried);
    }

    [Fact]
    public async Task Retries_wait_longer_each_time()
    {
        var delays = Enumerable.Range(0, 4).Select(_worker.Backoff).ToList();

        Assert.All(delays.Zip(delays.Skip(1)), pair => Assert.True(pair.Second >= pair.First / 2));
        Assert.InRange(delays[0], TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
        Assert.InRange(delays[3], TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8));
        Assert.InRange(_worker.Backoff(20), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_target_out_of_retry_attempts_sends_the_event_to_its_dead_letter_queue()
    {
        _queues.FailuresLeft = int.MaxValue;
        var job = Job(new EventTarget("t1", QueueArn, []) { MaximumRetryAttempts = 2, DeadLetterArn = DeadLetterArn });

        await RunUntilSettledAsync(job);

        Assert.Equal(DeliveryStatus.DeadLettered, job.Record.Status);
        Assert.Equal(3, _queues.Attempts);
        var (caller, arn, message) = Assert.Single(_queues.Sent);
        Assert.Equal(DeadLetterArn, arn);
        Assert.Equal(new ServiceCaller("events.amazonaws.com", RuleArn, "000000000000"), caller);
        Assert.Equal(EventJson, message.Body);
        Assert.Equal(RuleArn, message.Attributes["RULE_ARN"].StringValue);
        Assert.Equal(QueueArn, message.Attributes["TARGET_ARN"].StringValue);
        Assert.Equal("THROTTLING", message.Attributes["ERROR_CODE"].StringValue);
        Assert.Equal("Rate exceeded", message.Attributes["ERROR_MESSAGE"].StringValue);
        Assert.Equal("MaximumRetryAttempts", message.Attributes["EXHAUSTED_RETRY_CONDITION"].StringValue);
        Assert.Equal(new MessageAttribute("Number", "2"), message.Attributes["RETRY_ATTEMPTS"]);
    }

    [Fact]
    public async Task An_event_older_than_the_maximum_age_stops_being_retried()
    {
        _queues.FailuresLeft = int.MaxValue;
        var job = Job(new EventTarget("t1", QueueArn, []) { MaximumEventAgeInSeconds = 60, DeadLetterArn = DeadLetterArn });
        _clock.Advance(TimeSpan.FromSeconds(59.5));

        await RunUntilSettledAsync(job);

        Assert.Equal(DeliveryStatus.DeadLettered, job.Record.Status);
        Assert.Equal(1, job.Attempts);
        Assert.Equal("MaximumEventAgeInSeconds", Assert.Single(_queues.Sent).Message.Attributes["EXHAUSTED_RETRY_CONDITION"].StringValue);
    }

    [Fact]
    public async Task A_missing_permission_goes_to_the_dead_letter_queue_without_retries()
    {
        _queues.Permanent = DeliveryFailure.NoPermissions("Access to the queue is denied.");
        var job = Job(new EventTarget("t1", QueueArn, []) { DeadLetterArn = DeadLetterArn });

        await RunUntilSettledAsync(job);

        Assert.Equal(1, _queues.Attempts);
        var message = Assert.Single(_queues.Sent).Message;
        Assert.Equal("NO_PERMISSIONS", message.Attributes["ERROR_CODE"].StringValue);
        Assert.Equal("0", message.Attributes["RETRY_ATTEMPTS"].StringValue);
        Assert.Equal(0, _log.Retried);
        Assert.Equal(1, _log.DeadLettered);
    }

    [Fact]
    public async Task A_failure_without_a_dead_letter_queue_is_counted_as_dropped()
    {
        _queues.Permanent = DeliveryFailure.NoResource("The queue does not exist.");
        var job = Job(new EventTarget("t1", QueueArn, []));

        await RunUntilSettledAsync(job);

        Assert.Equal(DeliveryStatus.Dropped, job.Record.Status);
        Assert.Equal(1, _log.Dropped);
        Assert.Equal("NO_RESOURCE", job.Record.ToJson()["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_dead_letter_queue_that_refuses_too_is_counted_as_dropped()
    {
        _queues.Permanent = DeliveryFailure.NoPermissions("denied");
        _queues.DeadLetterRefused = true;
        var job = Job(new EventTarget("t1", QueueArn, []) { DeadLetterArn = DeadLetterArn });

        await RunUntilSettledAsync(job);

        Assert.Equal(DeliveryStatus.DeadLetterFailed, job.Record.Status);
        Assert.Equal(1, _log.Dropped);
    }

    [Fact]
    public async Task A_target_with_an_input_transformer_receives_the_filled_template()
    {
        var transformer = new InputTransformer(new Dictionary<string, string> { ["a"] = "$.detail.a" }, """{"value": <a>, "rule": "<aws.events.rule-name>"}""");
        var job = Job(new EventTarget("t1", QueueArn, []) { Transformer = transformer });

        await RunUntilSettledAsync(job);

        Assert.Equal("""{"value": 1, "rule": "r1"}""", Assert.Single(_queues.Sent).Message.Body);
    }

    private DeliveryJob Job(EventTarget target) => new()
    {
        EventJson = EventJson,
        RuleArn = RuleArn,
        RuleName = "r1",
        Account = "000000000000",
        Target = target,
        IngestionTime = _clock.GetUtcNow(),
        Record = _log.Add("default", JsonNode.Parse(EventJson)!.AsObject(), false).Delivery(RuleArn, target),
    };

    /// <summary>Attempts the job, then keeps advancing the fake clock and attempting whatever the worker re-queued.</summary>
    private async Task RunUntilSettledAsync(DeliveryJob job)
    {
        await _worker.AttemptAsync(job, CancellationToken.None);
        for (var i = 0; i < 1000 && job.Record.Status == DeliveryStatus.Retrying; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(10));

            // The timer's continuation re-queues the job on the thread pool.
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _channel.Reader.WaitToReadAsync(wait.Token);
            while (_channel.Reader.TryRead(out var next))
            {
                await _worker.AttemptAsync(next, CancellationToken.None);
            }
        }
    }

    /// <summary>An SQS stand-in: throttles <see cref="FailuresLeft"/> times, or always fails with <see cref="Permanent"/>.</summary>
    private sealed class FlakyQueue : IQueueSender
    {
        public int FailuresLeft { get; set; }

        public DeliveryFailure? Permanent { get; set; }

        public bool DeadLetterRefused { get; set; }

        public int Attempts { get; private set; }

        public List<(ServiceCaller Caller, string Arn, QueueMessage Message)> Sent { get; } = [];

        public Task<string> SendAsync(ServiceCaller caller, string queueArn, QueueMessage message, CancellationToken cancellationToken = default)
        {
            if (queueArn == DeadLetterArn)
            {
                if (DeadLetterRefused)
                {
                    throw DeliveryFailure.NoPermissions("dead-letter queue denied");
                }

                Sent.Add((caller, queueArn, message));
                return Task.FromResult("dlq-message");
            }

            Attempts++;
            if (Permanent is not null)
            {
                throw Permanent;
            }

            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new DeliveryFailure("THROTTLING", "Rate exceeded", retryable: true);
            }

            Sent.Add((caller, queueArn, message));
            return Task.FromResult("message");
        }
    }
}
