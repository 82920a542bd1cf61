using System.Text.Json.Nodes;
using Doqutore.Aws.Client;
using Doqutore.Aws.Client.Facades;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Lambda;

/// <summary>
/// An emulator with an execution role Lambda may assume, the published Echo sample, and spec-driven clients
/// (Lambda through our facade, CloudWatch Logs raw) as the root of the account.
/// </summary>
public sealed class DotnetRuntimeFixture : EmulatorFixture
{
    public const string RoleName = "dotnet-runtime-echo";

    public string RoleArn => $"arn:aws:iam::{AccountId}:role/{RoleName}";

    public DotnetRuntimeSample.Published Sample { get; private set; } = null!;

    public byte[] FunctionZip { get; private set; } = [];

    public AwsClient Client(string service) => new(service, new AwsClientOptions
    {
        ServiceUrl = Endpoint,
        AuthenticationRegion = Region,
        Credentials = SdkClients.Root,
        MaxErrorRetry = 0,
        Timeout = TimeSpan.FromMinutes(2),
    });

    public LambdaApi Lambda() => new(Client("lambda"));

    protected override async Task OnStartedAsync()
    {
        using var iam = Client("iam");
        await iam.InvokeAsync("CreateRole", new JsonObject
        {
            ["RoleName"] = RoleName,
            ["AssumeRolePolicyDocument"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
        });
        Sample = await DotnetRuntimeSample.GetAsync();
        FunctionZip = await File.ReadAllBytesAsync(Sample.FunctionZip);
    }

    /// <summary>Deploys the Echo sample under a new name and returns the name.</summary>
    public async Task<string> DeployEchoAsync(string prefix, IReadOnlyDictionary<string, string>? environment = null, int timeoutSeconds = 10)
    {
        var name = AwsCli.Unique(prefix);
        await Lambda().CreateFunctionAsync(new LambdaCreateFunctionRequest(name, RoleArn, LambdaFunctionCode.FromZip(FunctionZip))
        {
            Timeout = timeoutSeconds,
            MemorySize = 256,
            Environment = environment,
        });
        return name;
    }

    /// <summary>Messages of the function's log group (all streams), polled until <paramref name="until"/> holds or <paramref name="wait"/> (30 s) passes.</summary>
    public async Task<IReadOnlyList<string>> LogMessagesAsync(string functionName, Func<IReadOnlyList<string>, bool> until, TimeSpan? wait = null)
    {
        using var logs = Client("logs");
        var deadline = DateTime.UtcNow + (wait ?? TimeSpan.FromSeconds(30));
        IReadOnlyList<string> messages = [];
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var output = await logs.InvokeAsync("FilterLogEvents", new JsonObject { ["logGroupName"] = $"/aws/lambda/{functionName}", ["limit"] = 10000 });
                messages = (output["events"] as JsonArray ?? []).Select(e => (string?)e!["message"] ?? string.Empty).ToArray();
                if (until(messages))
                {
                    return messages;
                }
            }
            catch (Doqutore.Aws.Protocols.AwsServiceException e) when (e.Code == "ResourceNotFoundException")
            {
                // The group appears with the first line the function writes.
            }

            await Task.Delay(100);
        }

        return messages;
    }
}
