namespace Doqutore.Emulator.Providers.CloudFormation;

/// <summary>Settings of CloudFormation, section <c>Emulator:CloudFormation</c>.</summary>
public sealed class CloudFormationOptions
{
    public const string SectionName = "Emulator:CloudFormation";

    /// <summary>The CDK bootstrap version the emulator answers for <c>/cdk-bootstrap/hnb659fds/version</c>: newer than any CDK template requires.</summary>
    public const string CdkBootstrapVersion = "21";

    /// <summary>
    /// Values of SSM parameters that template parameters of type <c>AWS::SSM::Parameter::Value&lt;…&gt;</c> name (the
    /// emulator has no SSM): by default CDK's bootstrap version parameter, so CDK's <c>CheckBootstrapVersion</c> rule
    /// passes without a bootstrap stack. Add others as <c>Emulator:CloudFormation:SsmParameters:/my/name=value</c>.
    /// </summary>
    public Dictionary<string, string> SsmParameters { get; set; } = new(StringComparer.Ordinal)
    {
        ["/cdk-bootstrap/hnb659fds/version"] = CdkBootstrapVersion,
    };
}
