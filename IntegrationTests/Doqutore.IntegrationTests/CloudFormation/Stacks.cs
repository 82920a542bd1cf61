using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Protocols;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.CloudFormation;

/// <summary>
/// CloudFormation through our spec-driven client (AWSSDK.CloudFormation is not served here), plus the clients that
/// read the provisioned resources back through their own APIs. Waiting polls DescribeStacks as the SDK waiters do.
/// </summary>
public sealed class Stacks(EmulatorFixture emulator) : IDisposable
{
    private readonly Dictionary<string, AwsClient> _clients = [];

    public AwsClient Client(string service)
    {
        if (!_clients.TryGetValue(service, out var client))
        {
            client = new AwsClient(service, new AwsClientOptions
            {
                ServiceUrl = emulator.Endpoint,
                AuthenticationRegion = EmulatorFixture.Region,
                Credentials = new BasicAWSCredentials(EmulatorFixture.AccessKeyId, EmulatorFixture.SecretAccessKey),
                MaxErrorRetry = 0,
            });
            _clients[service] = client;
        }

        return client;
    }

    public Task<JsonObject> Call(string service, string operation, JsonObject? input = null) => Client(service).InvokeAsync(operation, input);

    public static string Template(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "CloudFormation", "Templates", file));

    public static JsonArray Parameters(params (string Key, string Value)[] parameters) =>
        new([.. parameters.Select(p => (JsonNode)new JsonObject { ["ParameterKey"] = p.Key, ["ParameterValue"] = p.Value })]);

    public async Task<string> CreateAsync(string name, string template, JsonArray? parameters = null, params string[] capabilities)
    {
        var input = new JsonObject { ["StackName"] = name, ["TemplateBody"] = template, ["Capabilities"] = new JsonArray([.. capabilities.Select(c => (JsonNode)c)]) };
        if (parameters is not null)
        {
            input["Parameters"] = parameters;
        }

        return (string)(await Call("cloudformation", "CreateStack", input))["StackId"]!;
    }

    public async Task UpdateAsync(string name, string template, JsonArray? parameters = null, params string[] capabilities)
    {
        var input = new JsonObject { ["StackName"] = name, ["TemplateBody"] = template, ["Capabilities"] = new JsonArray([.. capabilities.Select(c => (JsonNode)c)]) };
        if (parameters is not null)
        {
            input["Parameters"] = parameters;
        }

        await Call("cloudformation", "UpdateStack", input);
    }

    public Task DeleteAsync(string nameOrId) => Call("cloudformation", "DeleteStack", new JsonObject { ["StackName"] = nameOrId });

    /// <summary>The stack once no operation is in progress (polled every 50 ms, for at most a minute).</summary>
    public async Task<JsonObject> SettledAsync(string nameOrId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var stack = await DescribeAsync(nameOrId);
            var status = (string)stack["StackStatus"]!;
            if (!status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal))
            {
                return stack;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{nameOrId} still {status} after a minute");
            await Task.Delay(50);
        }
    }

    public async Task<JsonObject> DescribeAsync(string nameOrId) =>
        (JsonObject)(await Call("cloudformation", "DescribeStacks", new JsonObject { ["StackName"] = nameOrId }))["Stacks"]![0]!;

    public async Task<JsonArray> EventsAsync(string nameOrId) =>
        (JsonArray)(await Call("cloudformation", "DescribeStackEvents", new JsonObject { ["StackName"] = nameOrId }))["StackEvents"]!;

    /// <summary>Logical id → physical id of the stack's resources.</summary>
    public async Task<Dictionary<string, string>> PhysicalIdsAsync(string nameOrId)
    {
        var resources = (JsonArray)(await Call("cloudformation", "DescribeStackResources", new JsonObject { ["StackName"] = nameOrId }))["StackResources"]!;
        return resources.ToDictionary(r => (string)r!["LogicalResourceId"]!, r => (string?)r!["PhysicalResourceId"] ?? string.Empty);
    }

    public static string Output(JsonObject stack, string key) =>
        (string)((JsonArray)stack["Outputs"]!).First(o => (string?)o!["OutputKey"] == key)!["OutputValue"]!;

    /// <summary>The AWS error a call fails with.</summary>
    public async Task<AwsServiceException> ErrorAsync(string service, string operation, JsonObject input) =>
        await Assert.ThrowsAsync<AwsServiceException>(() => Call(service, operation, input));

    public static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 10)];

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
