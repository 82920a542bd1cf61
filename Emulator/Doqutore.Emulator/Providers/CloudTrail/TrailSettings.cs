using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// The settings CreateTrail and UpdateTrail share, read and validated before any state changes: key prefix, SNS
/// topic, global events, multi-region, log file validation, CloudWatch Logs group and role (both or neither),
/// KMS key (normalized to its ARN, as AWS shows it). Absent members leave a trail's setting unchanged.
/// </summary>
internal sealed partial record TrailSettings
{
    public const int MaxKeyPrefixLength = 200;

    public string? S3KeyPrefix { get; private init; }

    public string? SnsTopicName { get; private init; }

    public bool? IncludeGlobalServiceEvents { get; private init; }

    public bool? IsMultiRegionTrail { get; private init; }

    public bool? EnableLogFileValidation { get; private init; }

    /// <summary>Both CloudWatch Logs members, when the input set them (an empty string clears them).</summary>
    public (string Group, string Role)? CloudWatchLogs { get; private init; }

    public string? KmsKeyId { get; private init; }

    public static TrailSettings Read(JsonObject input, RequestContext context, Trail? existing)
    {
        var prefix = CloudTrailInput.Text(input, "S3KeyPrefix");
        if (prefix is { Length: > MaxKeyPrefixLength })
        {
            throw CloudTrailErrors.InvalidS3Prefix($"S3 key prefix must be at most {MaxKeyPrefixLength} characters long.");
        }

        var includeGlobal = CloudTrailInput.Bool(input, "IncludeGlobalServiceEvents");
        var multiRegion = CloudTrailInput.Bool(input, "IsMultiRegionTrail");
        if ((multiRegion ?? existing?.IsMultiRegionTrail ?? false) && !(includeGlobal ?? existing?.IncludeGlobalServiceEvents ?? true))
        {
            throw CloudTrailErrors.InvalidParameterCombination("Multi-Region trail must include global service events.");
        }

        var group = CloudTrailInput.Text(input, "CloudWatchLogsLogGroupArn");
        var role = CloudTrailInput.Text(input, "CloudWatchLogsRoleArn");
        (string, string)? cloudWatch = null;
        if (group is not null || role is not null)
        {
            // [guess] AWS's words; the rule (both or neither) is documented.
            if (string.IsNullOrEmpty(group) != string.IsNullOrEmpty(role))
            {
                throw string.IsNullOrEmpty(role)
                    ? CloudTrailErrors.InvalidCloudWatchLogsRoleArn("You must specify a role ARN for CloudWatch Logs delivery when you specify a log group ARN.")
                    : CloudTrailErrors.InvalidCloudWatchLogsLogGroupArn("You must specify a log group ARN for CloudWatch Logs delivery when you specify a role ARN.");
            }

            if (!string.IsNullOrEmpty(group) && !LogGroupArn().IsMatch(group))
            {
                throw CloudTrailErrors.InvalidCloudWatchLogsLogGroupArn($"CloudWatch Logs log group ARN is not valid: {group}");
            }

            if (!string.IsNullOrEmpty(role) && !RoleArn().IsMatch(role))
            {
                throw CloudTrailErrors.InvalidCloudWatchLogsRoleArn($"CloudWatch Logs role ARN is not valid: {role}");
            }

            cloudWatch = (group ?? string.Empty, role ?? string.Empty);
        }

        var kms = CloudTrailInput.Text(input, "KmsKeyId");
        return new TrailSettings
        {
            S3KeyPrefix = prefix,
            SnsTopicName = CloudTrailInput.Text(input, "SnsTopicName"),
            IncludeGlobalServiceEvents = includeGlobal,
            IsMultiRegionTrail = multiRegion,
            EnableLogFileValidation = CloudTrailInput.Bool(input, "EnableLogFileValidation"),
            CloudWatchLogs = cloudWatch,
            KmsKeyId = kms is null ? null : KmsKeyArn(kms, context),
        };
    }

    public void ApplyTo(Trail trail)
    {
        if (S3KeyPrefix is not null)
        {
            trail.S3KeyPrefix = S3KeyPrefix.Length == 0 ? null : S3KeyPrefix;
        }

        if (SnsTopicName is not null)
        {
            trail.SnsTopicName = SnsTopicName.Length == 0 ? null : SnsTopicName;
            trail.SnsTopicArn = SnsTopicName.Length == 0 ? null
                : SnsTopicName.StartsWith("arn:", StringComparison.Ordinal) ? SnsTopicName
                : $"arn:aws:sns:{trail.HomeRegion}:{trail.AccountId}:{SnsTopicName}";
        }

        trail.IncludeGlobalServiceEvents = IncludeGlobalServiceEvents ?? trail.IncludeGlobalServiceEvents;
        trail.IsMultiRegionTrail = IsMultiRegionTrail ?? trail.IsMultiRegionTrail;
        trail.LogFileValidationEnabled = EnableLogFileValidation ?? trail.LogFileValidationEnabled;
        if (CloudWatchLogs is var (group, role))
        {
            trail.CloudWatchLogsLogGroupArn = group.Length == 0 ? null : group;
            trail.CloudWatchLogsRoleArn = role.Length == 0 ? null : role;
        }

        if (KmsKeyId is not null)
        {
            trail.KmsKeyId = KmsKeyId.Length == 0 ? null : KmsKeyId;
        }
    }

    /// <summary>A KMS key id, alias, or ARN as the full ARN AWS shows (an empty string clears the key).</summary>
    private static string KmsKeyArn(string value, RequestContext context)
    {
        if (value.Length == 0 || KmsArn().IsMatch(value))
        {
            return value;
        }

        if (value.StartsWith("alias/", StringComparison.Ordinal) && value.Length > "alias/".Length)
        {
            return $"arn:aws:kms:{context.Region}:{context.AccountId}:{value}";
        }

        if (KeyId().IsMatch(value))
        {
            return $"arn:aws:kms:{context.Region}:{context.AccountId}:key/{value}";
        }

        throw CloudTrailErrors.InvalidKmsKeyId($"KMS key ID is not valid: {value}");
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[^:]+(:\*)?$")]
    private static partial Regex LogGroupArn();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::\d{12}:role/.+$")]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)/.+$")]
    private static partial Regex KmsArn();

    [GeneratedRegex(@"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$")]
    private static partial Regex KeyId();
}
