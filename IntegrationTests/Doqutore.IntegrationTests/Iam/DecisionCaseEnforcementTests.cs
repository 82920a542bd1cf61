using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SQS;
using Doqutore.Aws.Client;
using Doqutore.Aws.Protocols;
using Doqutore.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Doqutore.IntegrationTests.Iam;

/// <summary>
/// The engine's decision cases replayed as real requests through the enforcing gateway. Each case gets its
/// own caller (a user for alice and bob, a role session for session) carrying the case's policies and tags;
/// the case's action is then called on the case's resource with that caller's credentials. The gateway
/// authorizes before dispatching, so "allowed" is any answer but AccessDenied (NoSuchBucket, NotImplemented,
/// ResourceNotFoundException…), and a denial must name the case's resource and deciding policy type.
/// </summary>
[Collection(EmulatorCollection.Name)]
public class DecisionCaseEnforcementTests(EmulatorFixture emulator, ITestOutputHelper output)
{
    private const string Account = EmulatorFixture.AccountId;

    public static TheoryData<string> Cases() => [.. ReplayCases.ReplayableNames()];

    [Fact]
    public void At_least_100_cases_replay_as_real_requests()
    {
        var replayable = ReplayCases.ReplayableNames().Count();
        output.WriteLine($"{replayable} of {ReplayCases.All.Count()} decision cases replay as real requests; skipped:");
        foreach (var group in ReplayCases.All.Select(ReplayCases.SkipReason).OfType<string>().GroupBy(r => r).OrderByDescending(g => g.Count()))
        {
            output.WriteLine($"  {group.Count(),3}  {group.Key}");
        }

        Assert.True(replayable >= 100, $"only {replayable} cases are replayable");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_real_request_decides_as_the_case_expects(string name)
    {
        var original = ReplayCases.Get(name);
        using var root = IamSetup.Client(emulator, SdkClients.Root);
        var (credentials, testCase) = (string)original["principal"]! == "session"
            ? await CreateSession(root, original)
            : await CreateUser(root, original);

        var error = await Send(credentials, testCase);
        output.WriteLine(error is null ? "answered: success" : $"answered: {error.Status} {error.Code}: {error.Message}");

        var resource = testCase["resources"]!.AsArray().Select(r => (string)r!).FirstOrDefault();
        if ((string)testCase["expect"]!["decision"]! == "Allow")
        {
            Assert.False(error is { Code: "AccessDenied" or "AccessDeniedException" }, $"denied: {error?.Message}");
            return;
        }

        Assert.NotNull(error);
        var json = ((string)testCase["action"]!).Split(':')[0] is "dynamodb" or "sqs";
        Assert.Equal(json ? "AccessDeniedException" : "AccessDenied", error.Code);
        Assert.Equal(json ? 400 : 403, error.Status);
        Assert.EndsWith(ReplayCases.ExpectedMessageEnd(testCase), error.Message, StringComparison.Ordinal);
        if (resource is not (null or "*"))
        {
            Assert.Contains($" on resource: {resource} ", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>The error a call answered, or null when it succeeded.</summary>
    private sealed record CallError(string Code, int Status, string Message);

    /// <summary>A user named after the case's caller, with its path, tags, policies and boundary, and its key.</summary>
    private static async Task<(AWSCredentials, JsonObject)> CreateUser(AwsClient root, JsonObject original)
    {
        var principal = ReplayCases.Principal((string)original["principal"]!);
        var caseName = (string)principal["userName"]!;
        var path = Path(caseName);
        var name = AwsCli.Unique(caseName);
        var user = (await root.InvokeAsync("CreateUser", new JsonObject { ["UserName"] = name, ["Path"] = path }))["User"]!;
        var names = new Dictionary<string, string>
        {
            [caseName] = name,
            [(string)principal["userId"]!] = (string)user["UserId"]!,
        };

        var isTrust = (bool?)original["resourcePolicyIsRoleTrust"] ?? false;
        var role = AwsCli.Unique("deployer");
        if (isTrust)
        {
            names["deployer"] = role;

            // IAM refuses a trust policy naming a user that does not exist: the other users it names are created too.
            foreach (var other in new[] { "alice", "bob" }.Where(o => o != caseName && original["resourcePolicy"]!.ToJsonString().Contains($"user{Path(o)}{o}\"", StringComparison.Ordinal)))
            {
                names[other] = AwsCli.Unique(other);
                await root.InvokeAsync("CreateUser", new JsonObject { ["UserName"] = names[other], ["Path"] = Path(other) });
            }
        }

        var testCase = ReplayCases.Rewrite(original, Account, names);
        if (isTrust)
        {
            await root.InvokeAsync("CreateRole", new JsonObject { ["RoleName"] = role, ["AssumeRolePolicyDocument"] = testCase["resourcePolicy"]!.ToJsonString() });
        }

        var identity = testCase["identityPolicies"]?.AsArray() ?? [];
        for (var i = 0; i < identity.Count; i++)
        {
            await root.InvokeAsync("PutUserPolicy", new JsonObject { ["UserName"] = name, ["PolicyName"] = $"inline{i}", ["PolicyDocument"] = identity[i]!.ToJsonString() });
        }

        if (testCase["permissionsBoundary"] is { } boundary)
        {
            await root.InvokeAsync("PutUserPermissionsBoundary", new JsonObject { ["UserName"] = name, ["PermissionsBoundary"] = await IamSetup.CreatePolicy(root, boundary.ToJsonString()) });
        }

        if (Tags(principal) is { Count: > 0 } tags)
        {
            await root.InvokeAsync("TagUser", new JsonObject { ["UserName"] = name, ["Tags"] = tags });
        }

        return (await IamSetup.CreateAccessKey(root, name), testCase);
    }

    /// <summary>A role trusting the account root, with the case's policies, boundary and tags, assumed as <c>build-42</c>.</summary>
    private async Task<(AWSCredentials, JsonObject)> CreateSession(AwsClient root, JsonObject original)
    {
        var principal = ReplayCases.Principal("session");
        var caseRoleId = ((string)principal["userId"]!).Split(':')[0];
        var sessionName = ((string)principal["arn"]!).Split('/')[^1];
        var name = AwsCli.Unique("deployer");
        var trust = $$$"""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{{Account}}}:root"},"Action":"sts:AssumeRole"}}""";
        var role = (await root.InvokeAsync("CreateRole", new JsonObject { ["RoleName"] = name, ["AssumeRolePolicyDocument"] = trust }))["Role"]!;
        var testCase = ReplayCases.Rewrite(original, Account, new Dictionary<string, string>
        {
            ["deployer"] = name,
            [caseRoleId] = (string)role["RoleId"]!,
        });

        var identity = testCase["identityPolicies"]?.AsArray() ?? [];
        for (var i = 0; i < identity.Count; i++)
        {
            await root.InvokeAsync("PutRolePolicy", new JsonObject { ["RoleName"] = name, ["PolicyName"] = $"inline{i}", ["PolicyDocument"] = identity[i]!.ToJsonString() });
        }

        if (testCase["permissionsBoundary"] is { } boundary)
        {
            await root.InvokeAsync("PutRolePermissionsBoundary", new JsonObject { ["RoleName"] = name, ["PermissionsBoundary"] = await IamSetup.CreatePolicy(root, boundary.ToJsonString()) });
        }

        if (Tags(principal) is { Count: > 0 } tags)
        {
            await root.InvokeAsync("TagRole", new JsonObject { ["RoleName"] = name, ["Tags"] = tags });
        }

        using var sts = SdkClients.Sts(emulator);
        var request = new AssumeRoleRequest { RoleArn = (string)role["Arn"]!, RoleSessionName = sessionName };
        if (testCase["sessionPolicies"]?.AsArray() is [var policy])
        {
            request.Policy = policy!.ToJsonString();
        }

        var session = (await sts.AssumeRoleAsync(request)).Credentials;
        return (new SessionAWSCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken), testCase);
    }

    /// <summary>The IAM path of a case user: what lies between <c>:user</c> and its name in its ARN.</summary>
    private static string Path(string caseUser)
    {
        var arn = (string)ReplayCases.Principal(caseUser)["arn"]!;
        return arn[(arn.IndexOf(":user", StringComparison.Ordinal) + 5)..^caseUser.Length];
    }

    private static JsonArray Tags(JsonObject principal) =>
        new([.. (principal["tags"]?.AsObject() ?? []).Select(t => (JsonNode?)new JsonObject { ["Key"] = t.Key, ["Value"] = (string)t.Value! })]);

    /// <summary>The case's action on its resource as a real call, signed for the case's region.</summary>
    private async Task<CallError?> Send(AWSCredentials credentials, JsonObject testCase)
    {
        var action = (string)testCase["action"]!;
        var resource = testCase["resources"]!.AsArray().Select(r => (string)r!).FirstOrDefault() ?? "*";
        var region = (string?)testCase["context"]?["aws:RequestedRegion"]
            ?? (resource.Split(':') is [_, _, _, { Length: > 0 } arnRegion, ..] ? arnRegion : EmulatorFixture.Region);
        try
        {
            await Call(credentials, action, resource, region, (string?)testCase["context"]?["sts:ExternalId"]);
            return null;
        }
        catch (AmazonServiceException error)
        {
            return new CallError(error.ErrorCode, (int)error.StatusCode, error.Message);
        }
        catch (AwsServiceException error)
        {
            return new CallError(error.Code, error.StatusCode, error.Message);
        }
    }

    private async Task Call(AWSCredentials credentials, string action, string resource, string region, string? externalId)
    {
        // The resource part keeps its colons (an S3 key a:b:c, a session's user id in a folder name).
        var path = resource.Split(':', 6)[^1];
        switch (action.Split(':')[0])
        {
            case "s3":
            {
                using var s3 = new AmazonS3Client(credentials, Configure(new AmazonS3Config { ForcePathStyle = true }, region));
                var parts = path.Split('/', 2);
                _ = action switch
                {
                    "s3:GetObject" => (object)await s3.GetObjectAsync(parts[0], parts[1]),
                    "s3:PutObject" => await s3.PutObjectAsync(new PutObjectRequest { BucketName = parts[0], Key = parts[1], ContentBody = "replay" }),
                    "s3:GetObjectTagging" => await s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = parts[0], Key = parts[1] }),
                    "s3:ListAllMyBuckets" => await s3.ListBucketsAsync(),
                    _ => throw new InvalidOperationException($"No S3 call for {action}."),
                };
                break;
            }

            case "iam":
            {
                using var iam = IamSetup.Client(emulator, credentials, region);
                var userName = path.Split('/')[^1];
                var operation = action.Split(':')[1];
                var input = operation switch
                {
                    "ListUsers" => [],
                    "ChangePassword" => new JsonObject { ["OldPassword"] = "Old-Passw0rd!", ["NewPassword"] = "New-Passw0rd!" },
                    "PutUserPolicy" => new JsonObject
                    {
                        ["UserName"] = userName,
                        ["PolicyName"] = "replay",
                        ["PolicyDocument"] = """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}""",
                    },
                    _ => new JsonObject { ["UserName"] = userName },
                };
                await iam.InvokeAsync(operation, input);
                break;
            }

            case "dynamodb":
            {
                using var dynamo = new AmazonDynamoDBClient(credentials, Configure(new AmazonDynamoDBConfig(), region));
                var table = path.Split('/')[1];
                _ = action == "dynamodb:GetItem"
                    ? (object)await dynamo.GetItemAsync(new GetItemRequest { TableName = table, Key = new() { ["id"] = new AttributeValue { S = "1" } } })
                    : await dynamo.DeleteTableAsync(table);
                break;
            }

            case "sqs":
            {
                using var sqs = new AmazonSQSClient(credentials, Configure(new AmazonSQSConfig(), region));
                await sqs.SendMessageAsync($"{emulator.Url}/{Account}/{path}", "replay");
                break;
            }

            case "sts":
            {
                using var sts = new AmazonSecurityTokenServiceClient(credentials, Configure(new AmazonSecurityTokenServiceConfig(), region));
                await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = resource, RoleSessionName = "replay", ExternalId = externalId });
                break;
            }

            default:
                throw new InvalidOperationException($"No call for {action}.");
        }
    }

    private T Configure<T>(T config, string region)
        where T : ClientConfig
    {
        SdkClients.Configure(config, emulator);
        config.AuthenticationRegion = region;
        return config;
    }
}
