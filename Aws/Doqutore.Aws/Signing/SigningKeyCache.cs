using System.Collections.Concurrent;

namespace Doqutore.Aws.Signing;

/// <summary>
/// Derived signing keys per (secret, date, region, service): four HMACs saved per request. Bounded by
/// clearing when full, which is cheap and enough for an emulator's handful of keys.
/// </summary>
internal sealed class SigningKeyCache
{
    private const int Capacity = 1024;
    private readonly ConcurrentDictionary<(string Secret, string Date, string Region, string Service), byte[]> _keys = new();

    public byte[] Get(string secretAccessKey, string date, string region, string service)
    {
        var id = (secretAccessKey, date, region, service);
        if (_keys.TryGetValue(id, out var key))
        {
            return key;
        }

        if (_keys.Count >= Capacity)
        {
            _keys.Clear();
        }

        key = SigV4Crypto.DeriveSigningKey(secretAccessKey, date, region, service);
        _keys[id] = key;
        return key;
    }
}
