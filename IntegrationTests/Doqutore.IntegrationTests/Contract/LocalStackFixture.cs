using Testcontainers.LocalStack;

namespace Doqutore.IntegrationTests.Contract;

/// <summary>
/// LocalStack through Testcontainers, for the contract checks. It runs only where a Docker engine answers
/// and <c>LOCALSTACK_AUTH_TOKEN</c> is set (its images need a token since March 2026); otherwise
/// <see cref="SkipReason"/> says why, and the LocalStack half of the contract skips.
/// </summary>
public sealed class LocalStackFixture : IAsyncLifetime
{
    /// <summary>Pinned, so that contract runs stay comparable (the same tag as docker-compose.yml).</summary>
    public const string Image = "localstack/localstack:4.12.0";

    private LocalStackContainer? _container;

    public AwsTarget? Target { get; private set; }

    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        var token = Environment.GetEnvironmentVariable("LOCALSTACK_AUTH_TOKEN");
        if (string.IsNullOrEmpty(token))
        {
            SkipReason = "LOCALSTACK_AUTH_TOKEN is not set; LocalStack images need it";
            return;
        }

        try
        {
            _container = new LocalStackBuilder(Image)
                .WithEnvironment("LOCALSTACK_AUTH_TOKEN", token)
                .Build();
            await _container.StartAsync();
            Target = new AwsTarget("localstack", _container.GetConnectionString(), "000000000000");
        }
        catch (Exception unavailable) when (unavailable.GetType().Name.Contains("DockerUnavailable", StringComparison.Ordinal)
                                             || unavailable is InvalidOperationException or ArgumentException)
        {
            SkipReason = $"no Docker engine answers ({unavailable.GetType().Name})";
        }
    }

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
