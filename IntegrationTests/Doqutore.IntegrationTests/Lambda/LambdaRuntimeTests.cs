using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Lambda;

/// <summary>
/// Functions run as AWS runs them: the tutorial's curl bootstrap unchanged, cold then warm, and the failures AWS reports
/// (crash, timeout, init error, missing bootstrap, invalid zip, megabytes of output), each leaving the emulator sound.
/// </summary>
public sealed class LambdaRuntimeTests(LambdaFixture emulator) : IClassFixture<LambdaFixture>, IDisposable
{
    private readonly LambdaHarness _lambda = new(emulator);

    public void Dispose() => _lambda.Dispose();

    [Fact]
    public async Task The_tutorial_bootstrap_answers_a_synchronous_invoke_cold_then_warm()
    {
        var name = await _lambda.Function(LambdaHarness.TutorialZip());

        var cold = await _lambda.Invoke(name, """{"text":"Hello"}""", logType: "Tail");
        var warm = await _lambda.Invoke(name, """{"text":"again"}""");

        Assert.Equal("Echoing request: '{\"text\":\"Hello\"}'", (string?)cold["Text"]);
        Assert.Equal("Echoing request: '{\"text\":\"again\"}'", (string?)warm["Text"]);
        Assert.Equal((200L, "$LATEST", null), ((long?)cold["StatusCode"], (string?)cold["ExecutedVersion"], (string?)cold["FunctionError"]));
        var tail = Encoding.UTF8.GetString(Convert.FromBase64String((string)cold["LogResult"]!));
        Assert.Matches("^START RequestId: [0-9a-f-]{36} Version: \\$LATEST\n", tail);
        Assert.Contains("{\"text\":\"Hello\"}\n", tail, StringComparison.Ordinal);
        Assert.Matches("REPORT RequestId: [0-9a-f-]{36}\tDuration: [0-9.]+ ms\tBilled Duration: [0-9]+ ms\tMemory Size: 128 MB\tMax Memory Used: [0-9]+ MB\tInit Duration: [0-9.]+ ms\t\n$", tail);
        var logs = await _lambda.Logs(name);
        Assert.Single(logs, l => l.StartsWith("REPORT", StringComparison.Ordinal) && l.Contains("Init Duration", StringComparison.Ordinal));
        Assert.Equal(2, logs.Count(l => l.StartsWith("REPORT", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_runtime_that_exits_mid_invocation_is_reported_as_Runtime_ExitError()
    {
        var name = await _lambda.Function(LambdaHarness.ScriptZip("  exit 1"));

        var output = await _lambda.Invoke(name);

        Assert.Equal("Unhandled", (string?)output["FunctionError"]);
        var error = JsonNode.Parse((string)output["Text"]!)!;
        Assert.Equal("Runtime.ExitError", (string?)error["errorType"]);
        Assert.Matches("^RequestId: [0-9a-f-]{36} Error: Runtime exited with error: exit status 1$", (string?)error["errorMessage"]);
        var logs = await _lambda.Logs(name);
        Assert.Contains("Runtime.ExitError", logs);
    }

    [Fact]
    public async Task A_handler_that_hangs_is_killed_at_the_timeout_and_the_next_invoke_starts_cold()
    {
        var name = await _lambda.Function(LambdaHarness.ScriptZip("""  if [ "$EVENT" = '"hang"' ]; then sleep 600; fi; respond '"ok"'"""), timeout: 1);

        var hung = await _lambda.Invoke(name, "\"hang\"");
        var next = await _lambda.Invoke(name, "\"go\"");

        var error = JsonNode.Parse((string)hung["Text"]!)!;
        Assert.Equal(("Unhandled", "Sandbox.Timedout"), ((string?)hung["FunctionError"], (string?)error["errorType"]));
        Assert.EndsWith("Error: Task timed out after 1.00 seconds", (string?)error["errorMessage"], StringComparison.Ordinal);
        Assert.Equal("\"ok\"", (string?)next["Text"]);
        var logs = await _lambda.Logs(name);
        Assert.Contains(logs, l => l.EndsWith("Task timed out after 1.00 seconds", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.StartsWith("REPORT", StringComparison.Ordinal) && l.EndsWith("Status: timeout", StringComparison.Ordinal));
        Assert.Equal(2, logs.Count(l => l.Contains("Init Duration", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_function_error_posted_by_the_runtime_is_the_payload_with_X_Amz_Function_Error()
    {
        var name = await _lambda.Function(LambdaHarness.ScriptZip("  fail Handler.Failed 'no such patient'"));

        var output = await _lambda.Invoke(name);

        Assert.Equal("Unhandled", (string?)output["FunctionError"]);
        Assert.Equal("""{"errorMessage":"no such patient","errorType":"Handler.Failed"}""", (string?)output["Text"]);
    }

    [Fact]
    public async Task An_init_error_fails_the_invocation_with_what_the_runtime_posted()
    {
        var init = """curl -sS "$API/init/error" -H "Lambda-Runtime-Function-Error-Type: Runtime.NoSuchHandler" -d '{"errorMessage":"no handler","errorType":"Runtime.NoSuchHandler"}' > /dev/null; exit 1""";
        var name = await _lambda.Function(LambdaHarness.ScriptZip("  respond '1'", init));

        var output = await _lambda.Invoke(name);

        Assert.Equal("Unhandled", (string?)output["FunctionError"]);
        Assert.Equal("""{"errorMessage":"no handler","errorType":"Runtime.NoSuchHandler"}""", (string?)output["Text"]);
    }

    [Fact]
    public async Task A_package_without_bootstrap_fails_with_Runtime_InvalidEntrypoint()
    {
        var name = await _lambda.Function(LambdaHarness.Zip(("function.sh", LambdaHarness.EchoHandler)));

        var output = await _lambda.Invoke(name);

        var error = JsonNode.Parse((string)output["Text"]!)!;
        Assert.Equal(("Unhandled", "Runtime.InvalidEntrypoint"), ((string?)output["FunctionError"], (string?)error["errorType"]));
        Assert.StartsWith("Couldn't find valid bootstrap(s): [", (string?)error["errorMessage"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_zip_is_refused_with_AWSs_message_and_creates_nothing()
    {
        var name = LambdaHarness.Unique("fn");
        var role = await _lambda.Role();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _lambda.Lambda.InvokeAsync("CreateFunction", new JsonObject
        {
            ["FunctionName"] = name, ["Runtime"] = "provided.al2023", ["Handler"] = "x", ["Role"] = role,
            ["Code"] = new JsonObject { ["ZipFile"] = Convert.ToBase64String("not a zip"u8.ToArray()) },
        }));

        Assert.Equal(("InvalidParameterValueException", "Could not unzip uploaded file. Please check your file, then try to upload again."), (error.Code, error.Message));
        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => _lambda.Lambda.InvokeAsync("GetFunction", new JsonObject { ["FunctionName"] = name }));
        Assert.Equal(("ResourceNotFoundException", $"Function not found: arn:aws:lambda:us-east-1:000000000000:function:{name}"), (missing.Code, missing.Message));
    }

    [Fact]
    public async Task A_role_Lambda_cannot_assume_is_refused()
    {
        var role = await _lambda.Iam.InvokeAsync("CreateRole", new JsonObject
        {
            ["RoleName"] = LambdaHarness.Unique("ec2-role"),
            ["AssumeRolePolicyDocument"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
        });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _lambda.Function(LambdaHarness.TutorialZip(), (string)role["Role"]!["Arn"]!));

        Assert.Equal(("InvalidParameterValueException", "The role defined for the function cannot be assumed by Lambda."), (error.Code, error.Message));
    }

    [Fact]
    public async Task A_second_function_of_the_same_name_is_a_conflict()
    {
        var name = await _lambda.Function(LambdaHarness.TutorialZip());
        var role = await _lambda.Role();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _lambda.Lambda.InvokeAsync("CreateFunction", new JsonObject
        {
            ["FunctionName"] = name, ["Runtime"] = "provided.al2023", ["Handler"] = "x", ["Role"] = role,
            ["Code"] = new JsonObject { ["ZipFile"] = Convert.ToBase64String(LambdaHarness.TutorialZip()) },
        }));

        Assert.Equal(("ResourceConflictException", $"Function already exist: {name}", 409), (error.Code, error.Message, error.StatusCode));
    }

    [Fact]
    public async Task Megabytes_of_output_are_logged_line_by_line_with_long_lines_cut_at_256_KB()
    {
        var name = await _lambda.Function(LambdaHarness.ScriptZip("""  head -c 3000000 /dev/zero | tr '\0' 'x'; echo; seq 1 5000; respond '"done"'"""));

        var output = await _lambda.Invoke(name);

        Assert.Equal("\"done\"", (string?)output["Text"]);
        var logs = await _lambda.LogsWhen(name, l => l.Contains("5000"));
        Assert.Contains(new string('x', 262_144 - 26), logs);
        Assert.Contains("5000", logs);
        using var http = new HttpClient();
        var diagnostics = await http.GetFromJsonAsync<JsonObject>(emulator.Url + "/_doqutore/diagnostics");
        Assert.Equal(0, (long?)diagnostics!["unexpectedExceptions"]);
    }

    [Fact]
    public async Task GetFunction_gives_a_location_that_downloads_the_package_with_its_CodeSha256()
    {
        var zip = LambdaHarness.TutorialZip();
        var name = await _lambda.Function(zip);

        var function = await _lambda.Lambda.InvokeAsync("GetFunction", new JsonObject { ["FunctionName"] = name });

        using var http = new HttpClient();
        var downloaded = await http.GetByteArrayAsync((string)function["Code"]!["Location"]!);
        Assert.Equal(zip, downloaded);
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(zip)), (string?)function["Configuration"]!["CodeSha256"]);
        Assert.Equal(("Active", "Successful", (long)zip.Length), ((string?)function["Configuration"]!["State"], (string?)function["Configuration"]!["LastUpdateStatus"], (long?)function["Configuration"]!["CodeSize"]));
    }

    [Fact]
    public async Task The_function_environment_holds_Lambdas_variables_and_the_functions_own()
    {
        var name = await _lambda.Function(
            LambdaHarness.ScriptZip("""  respond "{\"name\":\"$AWS_LAMBDA_FUNCTION_NAME\",\"memory\":\"$AWS_LAMBDA_FUNCTION_MEMORY_SIZE\",\"region\":\"$AWS_REGION\",\"group\":\"$AWS_LAMBDA_LOG_GROUP_NAME\",\"stream\":\"$AWS_LAMBDA_LOG_STREAM_NAME\",\"handler\":\"$_HANDLER\",\"own\":\"$PATIENT_TABLE\",\"tz\":\"$TZ\",\"endpoint\":\"$AWS_ENDPOINT_URL\",\"key\":\"$AWS_ACCESS_KEY_ID\"}" """),
            extra: new JsonObject { ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["PATIENT_TABLE"] = "patients" } } });

        var env = JsonNode.Parse((string)(await _lambda.Invoke(name))["Text"]!)!;

        Assert.Equal((name, "128", "us-east-1", "/aws/lambda/" + name, "function.handler", "patients", ":UTC", emulator.Url), ((string?)env["name"], (string?)env["memory"], (string?)env["region"], (string?)env["group"], (string?)env["handler"], (string?)env["own"], (string?)env["tz"], (string?)env["endpoint"]));
        Assert.Matches(@"^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$", (string?)env["stream"]);
        Assert.StartsWith("ASIA", (string?)env["key"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_context_reaches_the_runtime_decoded()
    {
        var name = await _lambda.Function(LambdaHarness.ScriptZip("""  respond "$(grep -Fi Lambda-Runtime-Client-Context "$HEADERS" | cut -d' ' -f2- | tr -d '\r\n')" """));

        var output = await _lambda.Lambda.InvokeAsync("Invoke", new JsonObject
        {
            ["FunctionName"] = name,
            ["ClientContext"] = Convert.ToBase64String("""{"custom":{"caller":"test"}}"""u8.ToArray()),
        });

        Assert.Equal("""{"custom":{"caller":"test"}}""", Encoding.UTF8.GetString(Convert.FromBase64String((string)output["Payload"]!)));
    }

    [Fact]
    public async Task Reserved_variables_are_refused()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _lambda.Function(
            LambdaHarness.TutorialZip(),
            extra: new JsonObject { ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["AWS_REGION"] = "eu-west-1" } } }));

        Assert.Equal("InvalidParameterValueException", error.Code);
        Assert.EndsWith("Reserved keys used in this request: AWS_REGION", error.Message, StringComparison.Ordinal);
    }
}
