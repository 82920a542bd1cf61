using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;
using Doqutore.Benchmarks.Codecs;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.Benchmarks.Recording;

/// <summary>
/// CloudTrail recorder overhead per API call (issue 4 goal: under 20 µs): building the record of a completed
/// call from the gateway's request context, for an IAM user's StopLogging (the record the first responder
/// reads), an assumed role's CreateUser with a response, and an access denial; plus serializing the record
/// once, as the event history and EventBridge delivery do. The builder comes from a real emulator's services.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CodecBenchmarkConfig))]
public class RecorderBenchmarks
{
    private WebApplication _app = null!;
    private CloudTrailRecordBuilder _builder = null!;
    private RequestContext _stopLogging = null!;
    private RequestContext _createUser = null!;
    private RequestContext _denied = null!;
    private Principal _user = null!;
    private Principal _session = null!;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        _app = EmulatorHost.Create(["--Logging:LogLevel:Default=Warning"], o => o.Port = 0);
        _builder = _app.Services.GetRequiredService<CloudTrailRecordBuilder>();
        _now = DateTimeOffset.UtcNow;
        _user = new Principal(PrincipalType.IAMUser, "111122223333", "arn:aws:iam::111122223333:user/Alice", "AIDACKCEVSQ6C2EXAMPLE", "AKIAIOSFODNN7EXAMPLE");
        _session = new Principal(PrincipalType.AssumedRole, "111122223333", "arn:aws:sts::111122223333:assumed-role/responder/incident-42", "AROAEXAMPLEROLEID0001:incident-42", "ASIAEXAMPLE000000001")
        {
            TokenIssueTime = _now.AddMinutes(-5),
        };

        _stopLogging = Context("cloudtrail", "StopLogging", _user, new JsonObject { ["Name"] = "arn:aws:cloudtrail:us-east-1:111122223333:trail/myTrail" }, new JsonObject());
        _createUser = Context("iam", "CreateUser", _session, new JsonObject { ["UserName"] = "bob", ["Path"] = "/" }, new JsonObject
        {
            ["User"] = new JsonObject { ["Path"] = "/", ["UserName"] = "bob", ["UserId"] = "AIDAEXAMPLEBOB000001", ["Arn"] = "arn:aws:iam::111122223333:user/bob", ["CreateDate"] = JsonValue.Create(_now) },
        });
        _denied = Context("iam", "CreateUser", _user, new JsonObject { ["UserName"] = "backdoor" }, null);
        _denied.Error = new AwsServiceException("AccessDenied", "User: arn:aws:iam::111122223333:user/Alice is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::111122223333:user/backdoor because no identity-based policy allows the iam:CreateUser action", 403);
    }

    [GlobalCleanup]
    public void Cleanup() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public CloudTrailRecord StopLoggingByIamUser() => _builder.Build(_stopLogging, _user, _now);

    [Benchmark]
    public CloudTrailRecord CreateUserByAssumedRole() => _builder.Build(_createUser, _session, _now);

    [Benchmark]
    public CloudTrailRecord AccessDenied() => _builder.Build(_denied, _user, _now);

    [Benchmark]
    public string StopLoggingBuiltAndSerialized() => _builder.Build(_stopLogging, _user, _now).Record.ToJsonString();

    private RequestContext Context(string service, string operation, Principal caller, JsonObject input, JsonObject? output)
    {
        var model = ServiceModels.Get(service);
        var context = new RequestContext(new WireRequest { Method = "POST", Host = "127.0.0.1:4566", Scheme = "http", RawPath = "/" }, Guid.NewGuid().ToString(), _now)
        {
            Service = model,
            Operation = model.Operations[operation],
            Principal = caller,
            Authenticated = true,
            Input = new OperationData(input),
            Output = output is null ? null : new OperationData(output),
            SourceIp = "198.51.100.1",
        };
        context.Request.Headers.Add("User-Agent", "aws-cli/2.13.5 Python/3.11.4 Linux/6.1 exe/x86_64 prompt/off command/cloudtrail.stop-logging");
        return context;
    }
}
