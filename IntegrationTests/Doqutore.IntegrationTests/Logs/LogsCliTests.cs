using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Logs;

/// <summary>Debian's AWS CLI <c>logs</c> commands on the main path and on bad input.</summary>
[Collection(EmulatorCollection.Name)]
public class LogsCliTests(EmulatorFixture emulator)
{
    [SkippableFact]
    public void The_CLI_writes_reads_and_filters_log_events()
    {
        ExternalTool.RequireAwsCli();
        var cli = new AwsCli(emulator);
        var group = "/cli/" + AwsCli.Unique("group");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        cli.Ok("logs", "create-log-group", "--log-group-name", group);
        cli.Ok("logs", "create-log-stream", "--log-group-name", group, "--log-stream-name", "s1");
        cli.Json("logs", "put-log-events", "--log-group-name", group, "--log-stream-name", "s1", "--log-events",
            $"[{{\"timestamp\":{now - 2},\"message\":\"ERROR disk full\"}},{{\"timestamp\":{now - 1},\"message\":\"{{\\\"level\\\":\\\"warn\\\",\\\"n\\\":7}}\"}},{{\"timestamp\":{now},\"message\":\"INFO ok\"}}]");

        var read = cli.Json("logs", "get-log-events", "--log-group-name", group, "--log-stream-name", "s1", "--start-from-head");
        var errors = cli.Json("logs", "filter-log-events", "--log-group-name", group, "--filter-pattern", "ERROR");
        var json = cli.Json("logs", "filter-log-events", "--log-group-name", group, "--filter-pattern", "{ $.n > 5 }");
        var streams = cli.Json("logs", "describe-log-streams", "--log-group-name", group);

        Assert.Equal(["ERROR disk full", "{\"level\":\"warn\",\"n\":7}", "INFO ok"], read["events"]!.AsArray().Select(e => (string?)e!["message"]));
        Assert.Equal(["ERROR disk full"], errors["events"]!.AsArray().Select(e => (string?)e!["message"]));
        Assert.Equal(["{\"level\":\"warn\",\"n\":7}"], json["events"]!.AsArray().Select(e => (string?)e!["message"]));
        Assert.Equal(now - 2, (long)streams["logStreams"]![0]!["firstEventTimestamp"]!);
        Assert.Equal(now, (long)streams["logStreams"]![0]!["lastEventTimestamp"]!);
    }

    [SkippableFact]
    public void The_CLI_sets_retention_and_tags_on_a_group()
    {
        ExternalTool.RequireAwsCli();
        var cli = new AwsCli(emulator);
        var group = AwsCli.Unique("retained");
        cli.Ok("logs", "create-log-group", "--log-group-name", group, "--tags", "team=ir");
        cli.Ok("logs", "put-retention-policy", "--log-group-name", group, "--retention-in-days", "7");

        // Debian's CLI model predates logGroupArn: the group ARN is arn without its ":*".
        var described = cli.Json("logs", "describe-log-groups", "--log-group-name-prefix", group)["logGroups"]![0]!;
        var tags = cli.Json("logs", "list-tags-for-resource", "--resource-arn", ((string)described["arn"]!)[..^2])["tags"]!;

        Assert.Equal(7, (int)described["retentionInDays"]!);
        Assert.Equal($"arn:aws:logs:us-east-1:000000000000:log-group:{group}:*", (string?)described["arn"]);
        Assert.Equal("ir", (string?)tags["team"]);
    }

    [SkippableFact]
    public void The_CLI_shows_a_missing_group()
    {
        ExternalTool.RequireAwsCli();

        var error = new AwsCli(emulator).Error("logs", "describe-log-streams", "--log-group-name", "no-such-group");

        Assert.Contains("An error occurred (ResourceNotFoundException) when calling the DescribeLogStreams operation: The specified log group does not exist.", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_CLI_shows_an_invalid_filter_pattern()
    {
        ExternalTool.RequireAwsCli();
        var cli = new AwsCli(emulator);
        var group = AwsCli.Unique("badpattern");
        cli.Ok("logs", "create-log-group", "--log-group-name", group);

        var error = cli.Error("logs", "filter-log-events", "--log-group-name", group, "--filter-pattern", "index.html");

        Assert.Contains("An error occurred (InvalidParameterException) when calling the FilterLogEvents operation: Invalid character(s) in term 'index.html'", error, StringComparison.Ordinal);
    }
}
