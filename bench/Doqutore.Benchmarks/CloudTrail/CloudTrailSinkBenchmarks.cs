using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;
using Doqutore.Benchmarks.Codecs;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Providers;
using Doqutore.Emulator.Providers.CloudTrail;
using Doqutore.Emulator.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.Benchmarks.CloudTrail;

/// <summary>
/// What the CloudTrail service adds to each recorded call (on top of the recorder): handing a management record to
/// the sink of a real emulator's services, in an account with no trail (event history only), and with one logging
/// trail (history, the trail's log buffer, and the default bus of the real EventBridge with no rules). The history
/// fills to its bound during the run, so trimming is measured too.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CodecBenchmarkConfig))]
public class CloudTrailSinkBenchmarks
{
    private const string QuietAccount = "111122223333";
    private const string LoggingAccount = "444455556666";

    private WebApplication _app = null!;
    private CloudTrailSink _sink = null!;
    private CloudTrailRecord _quiet = null!;
    private CloudTrailRecord _logged = null!;

    [GlobalSetup]
    public void Setup()
    {
        _app = EmulatorHost.Create(["--Logging:LogLevel:Default=Warning"], o => o.Port = 0);
        _sink = _app.Services.GetRequiredService<CloudTrailSink>();
        var provider = _app.Services.GetRequiredService<CloudTrailProvider>();
        var context = new RequestContext(new WireRequest(), "setup", DateTimeOffset.UtcNow.AddMinutes(-1))
        {
            Principal = Principal.Root(LoggingAccount, "AKIAEXAMPLE"),
        };
        CreateLogBucket(context, "bench-logs", $"arn:aws:cloudtrail:{context.Region}:{LoggingAccount}:trail/bench");
        provider.CreateTrail(context, new JsonObject { ["Name"] = "bench", ["S3BucketName"] = "bench-logs" });
        provider.StartLogging(context, new JsonObject { ["Name"] = "bench" });

        var builder = _app.Services.GetRequiredService<CloudTrailRecordBuilder>();
        _quiet = StopLogging(builder, QuietAccount);
        _logged = StopLogging(builder, LoggingAccount);
    }

    /// <summary>S3 is CloudTrail's log store: the trail needs a bucket whose policy lets CloudTrail write to it (AWS's documented policy).</summary>
    private void CreateLogBucket(RequestContext context, string bucket, string trailArn)
    {
        var s3 = OperationTable.For(_app.Services.GetServices<AwsServiceProvider>().Single(p => p.ServiceId == "s3"));
        var condition = new JsonObject { ["aws:SourceArn"] = trailArn };
        var policy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(
                new JsonObject
                {
                    ["Effect"] = "Allow",
                    ["Principal"] = new JsonObject { ["Service"] = "cloudtrail.amazonaws.com" },
                    ["Action"] = "s3:GetBucketAcl",
                    ["Resource"] = $"arn:aws:s3:::{bucket}",
                    ["Condition"] = new JsonObject { ["StringEquals"] = condition },
                },
                new JsonObject
                {
                    ["Effect"] = "Allow",
                    ["Principal"] = new JsonObject { ["Service"] = "cloudtrail.amazonaws.com" },
                    ["Action"] = "s3:PutObject",
                    ["Resource"] = $"arn:aws:s3:::{bucket}/AWSLogs/{LoggingAccount}/*",
                    ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["s3:x-amz-acl"] = "bucket-owner-full-control", ["aws:SourceArn"] = trailArn } },
                }),
        };
        foreach (var (operation, input) in new[]
        {
            ("CreateBucket", new JsonObject { ["Bucket"] = bucket }),
            ("PutBucketPolicy", new JsonObject { ["Bucket"] = bucket, ["Policy"] = policy.ToJsonString() }),
        })
        {
            if (!s3.TryGet(operation, out var handler))
            {
                throw new InvalidOperationException($"S3 has no {operation}.");
            }

            handler(context, new OperationData(input)).AsTask().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public void ManagementEventNoTrail() => _sink.Accept(_quiet);

    [Benchmark]
    public void ManagementEventOneLoggingTrail() => _sink.Accept(_logged);

    private static CloudTrailRecord StopLogging(CloudTrailRecordBuilder builder, string account)
    {
        var model = Doqutore.Aws.Models.ServiceModels.Get("cloudtrail");
        var user = new Principal(PrincipalType.IAMUser, account, $"arn:aws:iam::{account}:user/Alice", "AIDACKCEVSQ6C2EXAMPLE", "AKIAIOSFODNN7EXAMPLE");
        var context = new RequestContext(new WireRequest { Host = "127.0.0.1:4566" }, Guid.NewGuid().ToString(), DateTimeOffset.UtcNow)
        {
            Service = model,
            Operation = model.Operations["StopLogging"],
            Principal = user,
            Authenticated = true,
            Input = new Doqutore.Aws.Protocols.OperationData(new JsonObject { ["Name"] = "bench" }),
            Output = new Doqutore.Aws.Protocols.OperationData(new JsonObject()),
        };
        return builder.Build(context, user, DateTimeOffset.UtcNow);
    }
}
