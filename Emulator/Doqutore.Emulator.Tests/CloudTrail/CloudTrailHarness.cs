using System.Text.Json.Nodes;
using Doqutore.Aws.Wire;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Providers.CloudTrail;
using Doqutore.Emulator.Recording;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Doqutore.Emulator.Tests.CloudTrail;

/// <summary>
/// The CloudTrail service in-process with a fake clock, a capturing event bus and an in-memory log store: calls
/// the provider as the gateway does, and hands it records as the recorder will.
/// </summary>
internal sealed class CloudTrailHarness
{
    public const string Account = "111122223333";
    public const string Region = "us-east-1";

    private readonly ServiceProvider _services;
    private int _requests;

    public CloudTrailHarness(bool withLogStore = true, bool withBus = true, int historyCapacity = EventHistory.DefaultCapacity)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Clock);
        collection.AddCloudTrail();
        collection.Configure<CloudTrailOptions>(o => o.HistoryCapacity = historyCapacity);
        if (withBus)
        {
            collection.AddSingleton<IServiceEventBus>(Bus);
        }

        collection.AddSingleton<ITopicPublisher>(Topics);
        if (withLogStore)
        {
            collection.AddSingleton<ITrailLogStore>(LogStore);
        }

        _services = collection.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    public CapturingBus Bus { get; } = new();

    public InMemoryTrailLogStore LogStore { get; } = new();

    public CloudTrailProvider Provider => _services.GetRequiredService<CloudTrailProvider>();

    public ICloudTrailSink Sink => _services.GetRequiredService<ICloudTrailSink>();

    public TrailLogDelivery Delivery => _services.GetRequiredService<TrailLogDelivery>();

    public CapturingTopicPublisher Topics { get; } = new();

    /// <summary>Runs one delivery of every trail's log files; returns how many files were written.</summary>
    public int Deliver() => Delivery.DeliverAllAsync().GetAwaiter().GetResult();

    /// <summary>A request context as the gateway builds it: arrived now (the clock then moves on a millisecond).</summary>
    public RequestContext Context(string region = Region, string account = Account)
    {
        var context = new RequestContext(new WireRequest(), $"req-{++_requests}", Clock.GetUtcNow())
        {
            Region = region,
            Principal = Principal.Root(account, "AKIAEXAMPLE"),
        };
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        return context;
    }

    /// <summary>Calls an operation, then hands its record to the sink as the recorder does.</summary>
    public JsonObject Call(string operation, JsonObject input, string region = Region, bool readOnly = false)
    {
        var context = Context(region);
        var method = typeof(CloudTrailProvider).GetMethod(operation)!;
        try
        {
            return (JsonObject)method.Invoke(Provider, [context, input])!;
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
        finally
        {
            Sink.Accept(Records.Of("cloudtrail.amazonaws.com", operation, context.ReceivedAt, region: region, readOnly: readOnly));
        }
    }

    public void CreateLoggingTrail(string name, string region = Region, bool multiRegion = false, bool includeGlobal = true)
    {
        Call("CreateTrail", new JsonObject
        {
            ["Name"] = name,
            ["S3BucketName"] = "trail-bucket",
            ["IsMultiRegionTrail"] = multiRegion,
            ["IncludeGlobalServiceEvents"] = includeGlobal,
        }, region);
        Call("StartLogging", new JsonObject { ["Name"] = name }, region);
    }

    /// <summary>Hands the sink a record of a call arriving now.</summary>
    public CloudTrailRecord Accept(CloudTrailRecord record)
    {
        Sink.Accept(record);
        return record;
    }

    public DateTimeOffset Tick()
    {
        var now = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        return now;
    }
}

/// <summary>The event bus, capturing what CloudTrail puts on it.</summary>
internal sealed class CapturingBus : IServiceEventBus
{
    public List<ServiceEvent> Events { get; } = [];

    public void Put(ServiceEvent serviceEvent) => Events.Add(serviceEvent);

    public IEnumerable<string> Names => Events.Select(e => (string)e.Detail["eventName"]!);
}

/// <summary>SNS as CloudTrail's log-file notifications see it: topics that exist, and what was published as whom.</summary>
internal sealed class CapturingTopicPublisher : ITopicPublisher
{
    public HashSet<string> Topics { get; } = [$"arn:aws:sns:us-east-1:{CloudTrailHarness.Account}:trail-topic"];

    public List<(ServiceCaller Caller, string TopicArn, TopicMessage Message)> Published { get; } = [];

    public Task<string> PublishAsync(ServiceCaller caller, string topicArn, TopicMessage message, CancellationToken cancellationToken = default)
    {
        if (!Topics.Contains(topicArn))
        {
            throw DeliveryFailure.NoResource($"Topic {topicArn} does not exist.");
        }

        Published.Add((caller, topicArn, message));
        return Task.FromResult(Guid.NewGuid().ToString());
    }
}

/// <summary>An in-memory S3 for trail log files: buckets that exist, and the objects written.</summary>
internal sealed class InMemoryTrailLogStore : ITrailLogStore
{
    public HashSet<string> Buckets { get; } = ["trail-bucket"];

    public HashSet<string> BucketsWithoutPolicy { get; } = [];

    public Dictionary<string, byte[]> Objects { get; } = [];

    public TrailBucketCheck CheckBucket(string accountId, string bucket, string? keyPrefix, string trailArn) =>
        !Buckets.Contains(bucket) ? TrailBucketCheck.NoSuchBucket
        : BucketsWithoutPolicy.Contains(bucket) ? TrailBucketCheck.InsufficientPolicy
        : TrailBucketCheck.Ok;

    public void PutObject(string bucket, string key, byte[] content, string trailArn, string accountId)
    {
        if (!Buckets.Contains(bucket))
        {
            throw DeliveryFailure.NoResource($"The bucket {bucket} does not exist.");
        }

        if (BucketsWithoutPolicy.Contains(bucket))
        {
            throw DeliveryFailure.NoPermissions($"The policy of bucket {bucket} denies the write.");
        }

        Objects[$"{bucket}/{key}"] = content;
    }
}
