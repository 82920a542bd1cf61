namespace Doqutore.Emulator.Providers;

/// <summary>The providers registered in DI, by the service model id they serve.</summary>
public sealed class ProviderRegistry
{
    private readonly Dictionary<string, OperationTable> _tables;

    public ProviderRegistry(IEnumerable<AwsServiceProvider> providers) =>
        _tables = providers.Select(OperationTable.For).ToDictionary(t => t.Provider.ServiceId, StringComparer.Ordinal);

    public OperationTable? Find(string serviceId) => _tables.GetValueOrDefault(serviceId);

    public IEnumerable<OperationTable> All => _tables.Values;
}
