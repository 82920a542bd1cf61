using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Doqutore.Benchmarks.Load;

/// <summary>
/// The calls the load driver repeats, made with the official AWS SDK for .NET: always ServiceURL plus
/// AuthenticationRegion (never a RegionEndpoint, which would send the call to real AWS), credentials
/// test/test, no retries. A call returns null on success, else the AWS error code it was answered with.
/// </summary>
public static class SdkCalls
{
    public const string Region = "us-east-1";

    private static readonly BasicAWSCredentials Credentials = new("test", "test");

    public static string Describe(string op) => op switch
    {
        "sts" => "sts:GetCallerIdentity (query protocol)",
        "dynamodb" => "dynamodb:ListTables (json protocol)",
        _ => throw new ArgumentException($"Unknown operation '{op}' (sts, dynamodb)."),
    };

    /// <summary>One client shared by every task, as the SDK recommends.</summary>
    public static Func<Task<string?>> Create(string op, Uri endpoint)
    {
        switch (op)
        {
            case "sts":
                var sts = new AmazonSecurityTokenServiceClient(Credentials, Configure(new AmazonSecurityTokenServiceConfig(), endpoint));
                return () => Outcome(sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
            case "dynamodb":
                var dynamo = new AmazonDynamoDBClient(Credentials, Configure(new AmazonDynamoDBConfig(), endpoint));
                return () => Outcome(dynamo.ListTablesAsync(new ListTablesRequest()));
            default:
                throw new ArgumentException($"Unknown operation '{op}' (sts, dynamodb).");
        }
    }

    private static T Configure<T>(T config, Uri endpoint)
        where T : ClientConfig
    {
        config.ServiceURL = endpoint.ToString();
        config.AuthenticationRegion = Region;
        config.MaxErrorRetry = 0;
        return config;
    }

    /// <summary>Null when <paramref name="call"/> succeeded, else the AWS error code (or HTTP status) it was answered with.</summary>
    public static async Task<string?> Outcome<T>(Task<T> call)
    {
        try
        {
            await call.ConfigureAwait(false);
            return null;
        }
        catch (AmazonServiceException error)
        {
            return error.ErrorCode ?? error.StatusCode.ToString();
        }
    }
}
