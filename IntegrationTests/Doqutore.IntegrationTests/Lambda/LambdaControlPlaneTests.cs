using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Doqutore.Aws.Protocols;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Lambda;

/// <summary>Code from S3, reserved concurrency (throttles), configuration updates and their validation.</summary>
public sealed class LambdaControlPlaneTests(LambdaFixture emulator) : IClassFixture<LambdaFixture>, IDisposable
{
    private readonly LambdaHarness _lambda = new(emulator);
    private readonly AmazonS3Client _s3 = new(SdkClients.Root, SdkClients.Configure(new AmazonS3Config { ForcePathStyle = true }, emulator));

    public void Dispose()
    {
        _lambda.Dispose();
        _s3.Dispose();
    }

    [Fact]
    public async Task A_function_deploys_from_an_S3_object_and_runs()
    {
        var bucket = LambdaHarness.Unique("code");
        await _s3.PutBucketAsync(bucket);
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "fn.zip", InputStream = new MemoryStream(LambdaHarness.TutorialZip()) });
        var name = LambdaHarness.Unique("fn");

        await _lambda.Lambda.InvokeAsync("CreateFunction", new JsonObject
        {
            ["FunctionName"] = name, ["Runtime"] = "provided.al2023", ["Handler"] = "function.handler", ["Role"] = await _lambda.Role(),
            ["Code"] = new JsonObject { ["S3Bucket"] = bucket, ["S3Key"] = "fn.zip" },
        });

        Assert.Equal("Echoing request: '{\"s3\":1}'", (string?)(await _lambda.Invoke(name, """{"s3":1}"""))["Text"]);
    }

    [Fact]
    public async Task A_missing_S3_key_is_refused_with_S3s_error_quoted()
    {
        var bucket = LambdaHarness.Unique("code");
        await _s3.PutBucketAsync(bucket);

        var error = await Assert.ThrowsAsync<AwsServiceException>(async () => await _lambda.Lambda.InvokeAsync("CreateFunction", new JsonObject
        {
            ["FunctionName"] = LambdaHarness.Unique("fn"), ["Runtime"] = "provided.al2023", ["Handler"] = "h", ["Role"] = await _lambda.Role(),
            ["Code"] = new JsonObject { ["S3Bucket"] = bucket, ["S3Key"] = "absent.zip" },
        }));

        Assert.Equal(
            ("InvalidParameterValueException", "Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist."),
            (error.Code, error.Message));
    }

    [Fact]
    public async Task Reserved_concurrency_throttles_what_exceeds_it()
    {
        var name = await _lambda.Function(LambdaHarness.ScriptZip("  sleep 2; respond '1'"));
        await _lambda.Lambda.InvokeAsync("PutFunctionConcurrency", new JsonObject { ["FunctionName"] = name, ["ReservedConcurrentExecutions"] = 1 });

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                return (string?)(await _lambda.Invoke(name))["Text"];
            }
            catch (AwsServiceException error)
            {
                return $"{error.Code} {error.StatusCode} {error.Message} {(string?)error.Details["Reason"]}";
            }
        }));

        Assert.Equal(["1", "TooManyRequestsException 429 Rate Exceeded. ReservedFunctionConcurrentInvocationLimitExceeded"], outcomes.Order());
        Assert.Equal(1, (long?)(await _lambda.Lambda.InvokeAsync("GetFunctionConcurrency", new JsonObject { ["FunctionName"] = name }))["ReservedConcurrentExecutions"]);
    }

    [Fact]
    public async Task An_updated_configuration_reaches_the_next_invocation_in_a_new_environment()
    {
        var name = await _lambda.Function(LambdaHarness.ScriptZip("""  respond "\"$STAGE\"" """),
            extra: new JsonObject { ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["STAGE"] = "one" } } });
        var first = (string?)(await _lambda.Invoke(name))["Text"];

        var updated = await _lambda.Lambda.InvokeAsync("UpdateFunctionConfiguration", new JsonObject
        {
            ["FunctionName"] = name, ["Timeout"] = 30, ["MemorySize"] = 256,
            ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["STAGE"] = "two" } },
        });

        Assert.Equal(("\"one\"", "\"two\""), (first, (string?)(await _lambda.Invoke(name))["Text"]));
        Assert.Equal((30L, 256L, "InProgress"), ((long?)updated["Timeout"], (long?)updated["MemorySize"], (string?)updated["LastUpdateStatus"]));
    }

    [Theory]
    [InlineData("Timeout", 0, "timeout", "Member must have value greater than or equal to 1")]
    [InlineData("Timeout", 901, "timeout", "Member must have value less than or equal to 900")]
    [InlineData("MemorySize", 64, "memorySize", "Member must have value greater than or equal to 128")]
    [InlineData("MemorySize", 10241, "memorySize", "Member must have value less than or equal to 10240")]
    public async Task Out_of_range_settings_are_refused_and_change_nothing(string member, int value, string path, string constraint)
    {
        var name = await _lambda.Function(LambdaHarness.TutorialZip());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _lambda.Lambda.InvokeAsync("UpdateFunctionConfiguration", new JsonObject { ["FunctionName"] = name, [member] = value }));

        Assert.Equal(("ValidationException", $"1 validation error detected: Value '{value}' at '{path}' failed to satisfy constraint: {constraint}"), (error.Code, error.Message));
        var config = await _lambda.Lambda.InvokeAsync("GetFunctionConfiguration", new JsonObject { ["FunctionName"] = name });
        Assert.Equal((10L, 128L), ((long?)config["Timeout"], (long?)config["MemorySize"]));
    }

    [Fact]
    public async Task ListFunctions_pages_with_MaxItems_and_Marker()
    {
        for (var i = 0; i < 3; i++)
        {
            await _lambda.Function(LambdaHarness.TutorialZip());
        }

        var names = new List<string>();
        string? marker = null;
        do
        {
            var input = new JsonObject { ["MaxItems"] = 2 };
            if (marker is not null)
            {
                input["Marker"] = marker;
            }

            var page = await _lambda.Lambda.InvokeAsync("ListFunctions", input);
            Assert.True(page["Functions"]!.AsArray().Count <= 2);
            names.AddRange(page["Functions"]!.AsArray().Select(f => (string)f!["FunctionName"]!));
            marker = (string?)page["NextMarker"];
        }
        while (marker is not null);

        Assert.True(names.Count >= 3);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public async Task A_deleted_function_is_gone()
    {
        var name = await _lambda.Function(LambdaHarness.TutorialZip());
        await _lambda.Invoke(name);

        await _lambda.Lambda.InvokeAsync("DeleteFunction", new JsonObject { ["FunctionName"] = name });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _lambda.Invoke(name));
        Assert.Equal(("ResourceNotFoundException", 404), (error.Code, error.StatusCode));
    }
}
