using Doqutore.Emulator.Authorization;

namespace Doqutore.Emulator.Tests.Authorization;

public class EvaluationTraceTests
{
    private static readonly RequestPrincipal Alice = RequestPrincipal.User("111122223333", "alice", "AIDAEXAMPLE");

    private static PolicyDocument Identity(string statements) =>
        PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{statements}}]}""");

    [Fact]
    public void Every_matching_statement_is_recorded_with_its_position()
    {
        var request = new AuthorizationRequest(Alice, "s3:GetObject", "arn:aws:s3:::b/k")
        {
            IdentityPolicies =
            [
                Identity("""{"Effect":"Allow","Action":"ec2:*","Resource":"*"}"""),
                Identity("""{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}"""),
            ],
        };
        var trace = new EvaluationTrace();

        var result = PolicyEvaluator.Evaluate(request, trace);

        Assert.Equal(Decision.Allow, result.Decision);
        Assert.Equal(
            [new MatchedStatement(PolicyType.IdentityBased, 1, 0, PolicyEffect.Allow), new MatchedStatement(PolicyType.IdentityBased, 1, 1, PolicyEffect.Allow)],
            trace.MatchedStatements);
    }

    [Fact]
    public void The_deciding_deny_is_recorded()
    {
        var request = new AuthorizationRequest(Alice, "s3:GetObject", "arn:aws:s3:::b/k")
        {
            IdentityPolicies = [Identity("""{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*"}""")],
        };
        var trace = new EvaluationTrace();

        var result = PolicyEvaluator.Evaluate(request, trace);

        Assert.Equal(Decision.ExplicitDeny, result.Decision);
        Assert.Contains(new MatchedStatement(PolicyType.IdentityBased, 0, 1, PolicyEffect.Deny), trace.MatchedStatements);
    }

    [Fact]
    public void Keys_asked_for_but_not_given_are_reported_missing()
    {
        var request = new AuthorizationRequest(Alice, "s3:GetObject", "arn:aws:s3:::b/k")
        {
            IdentityPolicies = [Identity("""{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"StringEquals":{"aws:username":"alice"}}}""")],
        };
        var trace = new EvaluationTrace();

        var result = PolicyEvaluator.Evaluate(request, trace);

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Equal(["aws:SourceIp"], trace.MissingContextKeys);
    }

    [Fact]
    public void The_traced_and_untraced_decisions_agree_on_every_case()
    {
        foreach (var name in DecisionCases.Names())
        {
            var request = DecisionCases.ToRequest(DecisionCases.Get(name));

            Assert.Equal(PolicyEvaluator.Evaluate(request), PolicyEvaluator.Evaluate(request, new EvaluationTrace()));
        }
    }
}
