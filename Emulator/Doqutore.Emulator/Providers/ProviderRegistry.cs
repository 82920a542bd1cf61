namespace Doqutore.Emulator.Providers;

/// <summary>
/// The providers registered in DI, by the service model id they serve. When two providers serve one model
/// the one registered last wins, so a test fixture can replace a real service with a test provider.
/// </summary>
public sealed class ProviderRegistry
{
    private readonly Dictionary<string, OperationTable> _tables;

    /// <summary>A later registration for a service replaces an earlier one (tests swap in providers of their own).</summary>
    public ProviderRegistry(IEnumerable<AwsServiceProvider> providers)
    {
        _tables = new Dictionary<string, OperationTable>(StringComparer.Ordinal);
        foreach (var table in providers.Select(OperationTable.For))
        {
            _tables[table.Provider.ServiceId] = table;
        }
    }

    public OperationTable? Find(string serviceId) => _tables.GetValueOrDefault(serviceId);

    public IEnumerable<OperationTable> All => _tables.Values;
}
