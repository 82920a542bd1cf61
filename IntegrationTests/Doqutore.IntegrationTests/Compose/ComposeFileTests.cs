using YamlDotNet.RepresentationModel;

namespace Doqutore.IntegrationTests.Compose;

/// <summary>docker-compose.yml, read as data: this machine has no Docker engine to run it.</summary>
public class ComposeFileTests
{
    private static readonly string Root = RepositoryRoot.Find();

    private static YamlMappingNode Services()
    {
        var yaml = new YamlStream();
        using var reader = File.OpenText(Path.Combine(Root, "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services()[name];

    [Fact]
    public void Emulator_builds_from_the_Dockerfile_beside_the_compose_file()
    {
        var build = (YamlMappingNode)Service("emulator")["build"];

        var dockerfile = ((YamlScalarNode)build["dockerfile"]).Value!;
        Assert.Equal(".", ((YamlScalarNode)build["context"]).Value);
        Assert.True(File.Exists(Path.Combine(Root, dockerfile)), $"{dockerfile} is missing");
        Assert.Contains("Doqutore.Emulator", File.ReadAllText(Path.Combine(Root, dockerfile)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("emulator")]
    [InlineData("localstack")]
    public void Ports_are_published_on_loopback_only(string service)
    {
        var ports = ((YamlSequenceNode)Service(service)["ports"]).Children.Cast<YamlScalarNode>().Select(p => p.Value!).ToArray();

        Assert.NotEmpty(ports);
        Assert.All(ports, p => Assert.StartsWith("127.0.0.1:", p, StringComparison.Ordinal));
    }

    [Fact]
    public void LocalStack_is_pinned_opt_in_and_takes_its_token_from_the_environment()
    {
        var localstack = Service("localstack");

        var image = ((YamlScalarNode)localstack["image"]).Value!;
        Assert.Equal(Contract.LocalStackFixture.Image, image);
        Assert.Matches(@":\d+\.\d+\.\d+$", image);
        Assert.Contains("localstack", ((YamlSequenceNode)localstack["profiles"]).Children.Cast<YamlScalarNode>().Select(p => p.Value));
        var token = ((YamlScalarNode)((YamlMappingNode)localstack["environment"])["LOCALSTACK_AUTH_TOKEN"]).Value!;
        Assert.StartsWith("${LOCALSTACK_AUTH_TOKEN", token, StringComparison.Ordinal);
    }
}
