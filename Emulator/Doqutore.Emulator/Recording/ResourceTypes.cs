namespace Doqutore.Emulator.Recording;

/// <summary>CloudTrail's resource type (<c>AWS::Service::Type</c>) and short name (user name, trail name, bucket/key) for an ARN, as LookupEvents reports them.</summary>
public static class ResourceTypes
{
    // (service, resource kind before '/' or ':') → type; an empty kind is a service whose ARN ends in the name.
    private static readonly IReadOnlyDictionary<(string Service, string Kind), string> Types = new Dictionary<(string, string), string>
    {
        [("iam", "user")] = "AWS::IAM::User",
        [("iam", "role")] = "AWS::IAM::Role",
        [("iam", "group")] = "AWS::IAM::Group",
        [("iam", "policy")] = "AWS::IAM::Policy",
        [("iam", "instance-profile")] = "AWS::IAM::InstanceProfile",
        [("iam", "mfa")] = "AWS::IAM::VirtualMFADevice",
        [("cloudtrail", "trail")] = "AWS::CloudTrail::Trail",
        [("events", "rule")] = "AWS::Events::Rule",
        [("events", "event-bus")] = "AWS::Events::EventBus",
        [("sqs", "")] = "AWS::SQS::Queue",
        [("sns", "")] = "AWS::SNS::Topic",
        [("s3", "")] = "AWS::S3::Bucket",
        [("dynamodb", "table")] = "AWS::DynamoDB::Table",
        [("lambda", "function")] = "AWS::Lambda::Function",
        [("logs", "log-group")] = "AWS::Logs::LogGroup",
        [("cognito-idp", "userpool")] = "AWS::Cognito::UserPool",
        [("sts", "assumed-role")] = "AWS::STS::AssumedRole",
    };

    /// <summary>The type and name of <paramref name="arn"/>, or null when it is a wildcard or of an unknown kind.</summary>
    public static CloudTrailResource? Describe(string arn)
    {
        if (arn.Contains('*', StringComparison.Ordinal) || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = arn.Split(':', 6);
        if (parts.Length < 6)
        {
            return null;
        }

        var (service, resource) = (parts[2], parts[5]);
        if (service == "s3" && resource.Contains('/', StringComparison.Ordinal))
        {
            return new CloudTrailResource("AWS::S3::Object", arn, resource);
        }

        var cut = resource.IndexOfAny(['/', ':']);
        var kind = cut < 0 ? string.Empty : resource[..cut];
        if (!Types.TryGetValue((service, kind), out var type) && !Types.TryGetValue((service, string.Empty), out type))
        {
            return null;
        }

        return new CloudTrailResource(type, arn, resource[(resource.LastIndexOfAny(['/', ':']) + 1)..]);
    }
}
