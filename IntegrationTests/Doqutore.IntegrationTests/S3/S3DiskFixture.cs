using Doqutore.Emulator.Hosting;
using Doqutore.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.IntegrationTests.S3;

/// <summary>An emulator keeping its data in a fresh temporary data directory (S3 bodies on disk), removed afterwards.</summary>
public sealed class S3DiskFixture : EmulatorFixture, IDisposable
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("doqutore-s3-data-").FullName;

    public void Dispose() => Directory.Delete(DataDirectory, recursive: true);

    protected override void ConfigureServices(IServiceCollection services) =>
        services.PostConfigure<EmulatorOptions>(o => o.DataDirectory = DataDirectory);
}
