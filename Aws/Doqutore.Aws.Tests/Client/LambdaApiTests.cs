using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Client.Facades;
using Doqutore.Aws.Protocols;

namespace Doqutore.Aws.Tests.Client;

/// <summary>
/// The Lambda facade's requests as the rest-json codec's server half reads them, and its answers as that codec
/// writes them. The same facade against the emulator: IntegrationTests/…/Lambda/DotnetRuntime*.
/// </summary>
public class LambdaApiTests
{
    private const string Arn = "arn:aws:lambda:us-east-1:000000000000:function:echo";

    private static (LambdaApi Api, CodecServerTransport Server) Api(Func<string, JsonObject, JsonObject> answer)
    {
        var server = new CodecServerTransport("lambda", answer);
        var client = new AwsClient("lambda", new AwsClientOptions
        {
            ServiceUrl = new Uri("http://127.0.0.1:4566"),
            Credentials = new BasicAWSCredentials("test", "test"),
            MaxErrorRetry = 0,
        }, server);
        return (new LambdaApi(client), server);
    }

    private static JsonObject Configuration() => new()
    {
        ["FunctionName"] = "echo",
        ["FunctionArn"] = Arn,
        ["Runtime"] = "provided.al2023",
        ["Role"] = "arn:aws:iam::000000000000:role/echo",
        ["Handler"] = "bootstrap",
        ["CodeSize"] = 11770252L,
        ["CodeSha256"] = "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=",
        ["Timeout"] = 10L,
        ["MemorySize"] = 256L,
        ["LastModified"] = "2026-12-08T05:00:00.000+0000",
        ["Version"] = "$LATEST",
        ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["STAGE"] = "local" } },
        ["DeadLetterConfig"] = new JsonObject { ["TargetArn"] = "arn:aws:sqs:us-east-1:000000000000:echo-dlq" },
        ["RevisionId"] = "r-1",
        ["State"] = "Active",
        ["LastUpdateStatus"] = "Successful",
        ["PackageType"] = "Zip",
        ["Architectures"] = new JsonArray("x86_64"),
    };

    [Fact]
    public async Task CreateFunction_sends_the_zip_role_and_settings_and_reads_the_configuration()
    {
        var (api, server) = Api((_, _) => Configuration());
        byte[] zip = [0x50, 0x4b, 0x03, 0x04, 1, 2, 3];

        var created = await api.CreateFunctionAsync(new LambdaCreateFunctionRequest("echo", "arn:aws:iam::000000000000:role/echo", LambdaFunctionCode.FromZip(zip))
        {
            Timeout = 10,
            MemorySize = 256,
            Environment = new Dictionary<string, string> { ["STAGE"] = "local" },
            DeadLetterTargetArn = "arn:aws:sqs:us-east-1:000000000000:echo-dlq",
            Tags = new Dictionary<string, string> { ["app"] = "doqutore" },
        });

        var (operation, input, wire) = Assert.Single(server.Calls);
        Assert.Equal(("CreateFunction", "POST", "/2015-03-31/functions"), (operation, wire.Method, wire.RawPath));
        Assert.Equal(Convert.ToBase64String(zip), (string?)input["Code"]!["ZipFile"]);
        Assert.Equal("provided.al2023", (string?)input["Runtime"]);
        Assert.Equal("bootstrap", (string?)input["Handler"]);
        Assert.Equal(10L, (long?)input["Timeout"]);
        Assert.Equal("local", (string?)input["Environment"]!["Variables"]!["STAGE"]);
        Assert.Equal("arn:aws:sqs:us-east-1:000000000000:echo-dlq", (string?)input["DeadLetterConfig"]!["TargetArn"]);
        Assert.Equal("doqutore", (string?)input["Tags"]!["app"]);
        Assert.Equal(Arn, created.FunctionArn);
        Assert.Equal((11770252L, 256, "Active", "local"), (created.CodeSize, created.MemorySize, created.State, created.Environment["STAGE"]));
        Assert.Equal("arn:aws:sqs:us-east-1:000000000000:echo-dlq", created.DeadLetterTargetArn);
        Assert.Equal(["x86_64"], created.Architectures);
    }

    [Fact]
    public async Task UpdateFunctionCode_puts_the_S3_location_under_the_function_path()
    {
        var (api, server) = Api((_, _) => Configuration());

        await api.UpdateFunctionCodeAsync("echo", LambdaFunctionCode.FromS3("code", "echo/function.zip", "v2"), publish: true);

        var (operation, input, wire) = Assert.Single(server.Calls);
        Assert.Equal(("UpdateFunctionCode", "PUT", "/2015-03-31/functions/echo/code"), (operation, wire.Method, wire.RawPath));
        Assert.Equal(("code", "echo/function.zip", "v2", true), ((string?)input["S3Bucket"], (string?)input["S3Key"], (string?)input["S3ObjectVersion"], (bool?)input["Publish"]));
        Assert.Null(input["ZipFile"]);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_sends_only_what_changes()
    {
        var (api, server) = Api((_, _) => Configuration());

        await api.UpdateFunctionConfigurationAsync(new LambdaUpdateFunctionConfigurationRequest("echo") { Timeout = 30, Environment = new Dictionary<string, string>() });

        var (operation, input, wire) = Assert.Single(server.Calls);
        Assert.Equal(("UpdateFunctionConfiguration", "PUT", "/2015-03-31/functions/echo/configuration"), (operation, wire.Method, wire.RawPath));
        Assert.Equal(["Environment", "FunctionName", "Timeout"], input.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Empty(input["Environment"]!["Variables"]!.AsObject());
    }

    [Fact]
    public async Task GetFunction_reads_configuration_code_tags_and_concurrency()
    {
        var (api, server) = Api((_, _) => new JsonObject
        {
            ["Configuration"] = Configuration(),
            ["Code"] = new JsonObject { ["RepositoryType"] = "S3", ["Location"] = "http://127.0.0.1:4566/code.zip" },
            ["Tags"] = new JsonObject { ["app"] = "doqutore" },
            ["Concurrency"] = new JsonObject { ["ReservedConcurrentExecutions"] = 2L },
        });

        var function = await api.GetFunctionAsync("echo", qualifier: "$LATEST");

        var (_, input, wire) = Assert.Single(server.Calls);
        Assert.Equal(("GET", "/2015-03-31/functions/echo", "$LATEST"), (wire.Method, wire.RawPath, (string?)input["Qualifier"]));
        Assert.Equal(("echo", "S3", "doqutore", 2), (function.Configuration.FunctionName, function.CodeRepositoryType, function.Tags["app"], function.ReservedConcurrentExecutions));
    }

    [Fact]
    public async Task ListFunctions_follows_NextMarker()
    {
        var (api, server) = Api((_, input) => (string?)input["Marker"] is null
            ? new JsonObject { ["Functions"] = new JsonArray(Configuration()), ["NextMarker"] = "page-2" }
            : new JsonObject { ["Functions"] = new JsonArray(new JsonObject { ["FunctionName"] = "other", ["FunctionArn"] = Arn + "-other" }) });

        var functions = await api.ListFunctionsAsync();

        Assert.Equal(["echo", "other"], functions.Select(f => f.FunctionName));
        Assert.Equal("page-2", (string?)server.Calls[1].Input["Marker"]);
        Assert.Equal("/2015-03-31/functions/", server.Calls[0].Wire.RawPath);
    }

    [Fact]
    public async Task Permissions_add_remove_and_read_the_resource_policy()
    {
        const string statement = """{"Sid":"events","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:000000000000:function:echo"}""";
        var (api, server) = Api((operation, _) => operation switch
        {
            "AddPermission" => new JsonObject { ["Statement"] = statement },
            "GetPolicy" => new JsonObject { ["Policy"] = $$"""{"Version":"2012-10-17","Id":"default","Statement":[{{statement}}]}""", ["RevisionId"] = "r-2" },
            _ => [],
        });

        var added = await api.AddPermissionAsync(new LambdaPermissionRequest("echo", "events", "lambda:InvokeFunction", "events.amazonaws.com")
        {
            SourceArn = "arn:aws:events:us-east-1:000000000000:rule/incident",
            SourceAccount = "000000000000",
        });
        var policy = await api.GetPolicyAsync("echo");
        await api.RemovePermissionAsync("echo", "events");

        Assert.Equal(statement, added);
        Assert.Equal(("AddPermission", "POST", "/2015-03-31/functions/echo/policy"), (server.Calls[0].Operation, server.Calls[0].Wire.Method, server.Calls[0].Wire.RawPath));
        Assert.Equal(("events.amazonaws.com", "arn:aws:events:us-east-1:000000000000:rule/incident"), ((string?)server.Calls[0].Input["Principal"], (string?)server.Calls[0].Input["SourceArn"]));
        Assert.Contains(statement, policy.Policy, StringComparison.Ordinal);
        Assert.Equal("r-2", policy.RevisionId);
        Assert.Equal(("RemovePermission", "DELETE", "/2015-03-31/functions/echo/policy/events"), (server.Calls[2].Operation, server.Calls[2].Wire.Method, server.Calls[2].Wire.RawPath));
    }

    [Fact]
    public async Task DeleteFunction_deletes_the_function_path()
    {
        var (api, server) = Api((_, _) => []);

        await api.DeleteFunctionAsync("echo");

        Assert.Equal(("DeleteFunction", "DELETE", "/2015-03-31/functions/echo"), (server.Calls[0].Operation, server.Calls[0].Wire.Method, server.Calls[0].Wire.RawPath));
    }

    [Fact]
    public async Task Invoke_sends_the_payload_as_body_and_the_invocation_type_as_header()
    {
        var (api, server) = Api((_, input) => new JsonObject
        {
            ["StatusCode"] = 200L,
            ["Payload"] = (string?)input["Payload"],
            ["ExecutedVersion"] = "$LATEST",
            ["LogResult"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("START RequestId: 1 Version: $LATEST\n")),
        });

        var result = await api.InvokeAsync(LambdaInvokeRequest.WithJson("echo", """{"hello":"world"}""") with { TailLog = true });

        var wire = server.Calls[0].Wire;
        Assert.Equal(("POST", "/2015-03-31/functions/echo/invocations"), (wire.Method, wire.RawPath));
        Assert.Equal("""{"hello":"world"}""", Encoding.UTF8.GetString(wire.Body.Span));
        Assert.Equal(("RequestResponse", "Tail"), (wire.Headers["X-Amz-Invocation-Type"], wire.Headers["X-Amz-Log-Type"]));
        Assert.Equal((200, """{"hello":"world"}""", "$LATEST"), (result.StatusCode, result.PayloadText, result.ExecutedVersion));
        Assert.Null(result.FunctionError);
        Assert.Equal("START RequestId: 1 Version: $LATEST\n", result.LogResult);
    }

    [Fact]
    public async Task Invoke_reads_a_function_error_with_its_payload()
    {
        const string error = """{"errorType":"InvalidOperationException","errorMessage":"boom","stackTrace":[]}""";
        var (api, _) = Api((_, _) => new JsonObject
        {
            ["StatusCode"] = 200L,
            ["FunctionError"] = "Unhandled",
            ["Payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(error)),
        });

        var result = await api.InvokeAsync(LambdaInvokeRequest.WithJson("echo", "{}"));

        Assert.Equal(("Unhandled", error), (result.FunctionError, result.PayloadText));
    }

    [Theory]
    [InlineData(LambdaInvocationType.Event, 202L)]
    [InlineData(LambdaInvocationType.DryRun, 204L)]
    public async Task Asynchronous_and_dry_run_invocations_read_their_status(LambdaInvocationType type, long status)
    {
        var (api, server) = Api((_, _) => new JsonObject { ["StatusCode"] = status });

        var result = await api.InvokeAsync(LambdaInvokeRequest.WithJson("echo", "{}") with { InvocationType = type });

        Assert.Equal(type.ToString(), server.Calls[0].Wire.Headers["X-Amz-Invocation-Type"]);
        Assert.Equal(status, result.StatusCode);
        Assert.True(result.Payload.IsEmpty);
    }

    [Fact]
    public async Task An_unknown_function_is_Lambda_ResourceNotFoundException()
    {
        var (api, _) = Api((_, _) => throw new AwsServiceException("ResourceNotFoundException", $"Function not found: {Arn}", 404));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => api.InvokeAsync(LambdaInvokeRequest.WithJson("echo", "{}")));

        Assert.Equal(("ResourceNotFoundException", 404), (error.Code, error.StatusCode));
        Assert.Equal($"Function not found: {Arn}", error.Message);
    }

    [Fact]
    public async Task PutFunctionConcurrency_puts_under_the_2017_path()
    {
        var (api, server) = Api((_, input) => new JsonObject { ["ReservedConcurrentExecutions"] = (long?)input["ReservedConcurrentExecutions"] });

        var reserved = await api.PutFunctionConcurrencyAsync("echo", 0);

        Assert.Equal(0, reserved);
        Assert.Equal(("PUT", "/2017-10-31/functions/echo/concurrency"), (server.Calls[0].Wire.Method, server.Calls[0].Wire.RawPath));
    }

    [Fact]
    public async Task PutFunctionEventInvokeConfig_sends_retries_age_and_destinations()
    {
        var (api, server) = Api((_, input) =>
        {
            var output = input.DeepClone().AsObject();
            output.Remove("FunctionName");
            output["FunctionArn"] = Arn;
            output["LastModified"] = DateTimeOffset.FromUnixTimeSeconds(1_796_000_000);
            return output;
        });

        var config = await api.PutFunctionEventInvokeConfigAsync(new LambdaEventInvokeConfigRequest("echo")
        {
            MaximumRetryAttempts = 0,
            MaximumEventAgeInSeconds = 60,
            OnFailureDestination = "arn:aws:sqs:us-east-1:000000000000:failures",
        });

        Assert.Equal(("PUT", "/2019-09-25/functions/echo/event-invoke-config"), (server.Calls[0].Wire.Method, server.Calls[0].Wire.RawPath));
        Assert.Equal("arn:aws:sqs:us-east-1:000000000000:failures", (string?)server.Calls[0].Input["DestinationConfig"]!["OnFailure"]!["Destination"]);
        Assert.Null(server.Calls[0].Input["DestinationConfig"]!["OnSuccess"]);
        Assert.Equal((Arn, 0, 60, "arn:aws:sqs:us-east-1:000000000000:failures"), (config.FunctionArn, config.MaximumRetryAttempts, config.MaximumEventAgeInSeconds, config.OnFailureDestination));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_796_000_000), config.LastModified);
    }
}
