namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>
/// The resource types the emulator provisions, by type name (a registry as Cloud Custodian keeps its resources), and
/// which type names AWS would recognize at all: an unrecognized type fails the template's validation, a recognized
/// one the emulator does not provision fails its resource (and the stack rolls back) with a reason naming it.
/// </summary>
public sealed class ResourceTypes(IEnumerable<ResourceType> types)
{
    private readonly Dictionary<string, ResourceType> _types = types.ToDictionary(t => t.TypeName, StringComparer.Ordinal);

    /// <summary>
    /// Service namespaces of CloudFormation's resource type reference [guess: a subset, enough to tell a real type the
    /// emulator lacks (<c>AWS::EC2::VPC</c>) from a typo or invented one (<c>AWS::Foo::Bar</c>)].
    /// </summary>
    private static readonly HashSet<string> AwsNamespaces =
    [
        "ACMPCA", "AmazonMQ", "Amplify", "ApiGateway", "ApiGatewayV2", "AppConfig", "AppFlow", "AppMesh", "AppRunner", "AppSync",
        "ApplicationAutoScaling", "Athena", "AutoScaling", "Backup", "Batch", "Bedrock", "Budgets", "CertificateManager", "Cloud9",
        "CloudFormation", "CloudFront", "CloudTrail", "CloudWatch", "CodeArtifact", "CodeBuild", "CodeCommit", "CodeDeploy",
        "CodePipeline", "CodeStarConnections", "Cognito", "Config", "DataSync", "DAX", "Detective", "DMS", "DocDB", "DynamoDB",
        "EC2", "ECR", "ECS", "EFS", "EKS", "ElastiCache", "ElasticBeanstalk", "ElasticLoadBalancing", "ElasticLoadBalancingV2",
        "Elasticsearch", "EMR", "Events", "EventSchemas", "Glue", "GuardDuty", "IAM", "ImageBuilder", "Inspector", "InspectorV2",
        "IoT", "Kendra", "Kinesis", "KinesisAnalytics", "KinesisAnalyticsV2", "KinesisFirehose", "KMS", "LakeFormation", "Lambda",
        "Logs", "MSK", "Neptune", "NetworkFirewall", "OpenSearchService", "Organizations", "Pipes", "RDS", "Redshift",
        "ResourceGroups", "Route53", "Route53Resolver", "S3", "S3Express", "SageMaker", "Scheduler", "SecretsManager", "SecurityHub",
        "ServiceCatalog", "ServiceDiscovery", "SES", "SNS", "SQS", "SSM", "StepFunctions", "Synthetics", "Transfer", "WAF",
        "WAFRegional", "WAFv2", "XRay",
    ];

    public ResourceType? Find(string typeName) => _types.GetValueOrDefault(typeName);

    public IEnumerable<ResourceType> All => _types.Values;

    public bool IsRecognized(string typeName)
    {
        if (_types.ContainsKey(typeName) || typeName.StartsWith("Custom::", StringComparison.Ordinal))
        {
            return true;
        }

        var parts = typeName.Split("::");
        return parts.Length == 3 && parts[0] == "AWS" && AwsNamespaces.Contains(parts[1]) && parts[2].Length > 0;
    }
}
