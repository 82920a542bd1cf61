using Doqutore.Emulator.Authorization;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Tests.Authorization;

public sealed class ServicePrincipalAuthorizerTests
{
    private const string Queue = "arn:aws:sqs:us-east-1:000000000000:responder";
    private const string Rule = "arn:aws:events:us-east-1:000000000000:rule/stop-logging";

    // The queue policy AWS documents for an EventBridge target, guarded by aws:SourceArn.
    private const string QueuePolicy = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},
         "Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:000000000000:responder",
         "Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:events:us-east-1:000000000000:rule/stop-logging"}}}]}
        """;

    [Fact]
    public void The_rule_named_in_the_queue_policy_may_send()
    {
        Assert.True(Authorizer(QueuePolicy).IsAllowed(Events(Rule), "sqs:SendMessage", Queue));
    }

    [Fact]
    public void Another_rule_of_the_same_service_may_not_send()
    {
        Assert.False(Authorizer(QueuePolicy).IsAllowed(Events(Rule + "-other"), "sqs:SendMessage", Queue));
    }

    [Fact]
    public void Another_service_may_not_send()
    {
        var sns = new ServiceCaller("sns.amazonaws.com", Rule, "000000000000");
        Assert.False(Authorizer(QueuePolicy).IsAllowed(sns, "sqs:SendMessage", Queue));
    }

    [Fact]
    public void A_queue_without_a_policy_refuses_every_service()
    {
        Assert.False(Authorizer(policy: null).IsAllowed(Events(Rule), "sqs:SendMessage", Queue));
    }

    [Fact]
    public void Authorization_off_lets_the_service_through()
    {
        Assert.True(Authorizer(policy: null, AuthorizationMode.Off).IsAllowed(Events(Rule), "sqs:SendMessage", Queue));
    }

    [Fact]
    public void A_service_acting_with_a_role_that_allows_needs_no_queue_policy()
    {
        var lambda = new ServiceCaller("lambda.amazonaws.com", "arn:aws:lambda:us-east-1:000000000000:function:f", "000000000000") { AllowedByRole = true };
        Assert.True(Authorizer(policy: null).IsAllowed(lambda, "sqs:SendMessage", Queue));
    }

    [Fact]
    public void A_queue_policy_that_denies_refuses_a_service_acting_with_a_role()
    {
        var lambda = new ServiceCaller("lambda.amazonaws.com", "arn:aws:lambda:us-east-1:000000000000:function:f", "000000000000") { AllowedByRole = true };
        const string Deny = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}]}""";
        Assert.False(Authorizer(Deny).IsAllowed(lambda, "sqs:SendMessage", Queue));
    }

    private static ServiceCaller Events(string rule) => new("events.amazonaws.com", rule, "000000000000");

    private static ServicePrincipalAuthorizer Authorizer(string? policy, AuthorizationMode mode = AuthorizationMode.Enforce) => new(
        [new FixedPolicy(policy)],
        new PolicyCache(),
        Options.Create(new EmulatorOptions { Authorization = mode }),
        NullLogger<ServicePrincipalAuthorizer>.Instance);

    private sealed class FixedPolicy(string? document) : IResourcePolicySource
    {
        public ResourcePolicy? Find(string accountId, string action, string resourceArn) =>
            document is not null && resourceArn == Queue ? new ResourcePolicy(document, IsRoleTrust: false) : null;
    }
}
