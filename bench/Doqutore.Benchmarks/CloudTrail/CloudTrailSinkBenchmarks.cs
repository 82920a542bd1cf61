using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Doqutore.Aws.Wire;
using Doqutore.Benchmarks.Codecs;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;
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
        provider.CreateTrail(context, new JsonObject { ["Name"] = "bench", ["S3BucketName"] = "bench-logs" });
        provider.StartLogging(context, new JsonObject { ["Name"] = "bench" });

        var builder = _app.Services.GetRequiredService<CloudTrailRecordBuilder>();
        _quiet = StopLogging(builder, QuietAccount);
        _logged = StopLogging(builder, LoggingAccount);
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
