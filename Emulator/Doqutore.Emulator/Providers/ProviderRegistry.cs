namespace Doqutore.Emulator.Providers;

/// <summary>
/// The providers registered in DI, by the service model id they serve. When two providers serve one model
/// the one registered last wins, so a test fixture can replace a real service with a test provider.
/// </summary>
public sealed class ProviderRegistry
{
    private readonly Dictionary<string, OperationTable> _tables;

    public ProviderRegistry(IEnumerable<AwsServiceProvider> providers) =>
        _tables = providers
            .GroupBy(p => p.ServiceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => OperationTable.For(g.Last()), StringComparer.Ordinal);

    public OperationTable? Find(string serviceId) => _tables.GetValueOrDefault(serviceId);

    public IEnumerable<OperationTable> All => _tables.Values;
}
