using System.Globalization;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Signing;

/// <summary>The signing facts of a request, from its Authorization header or presigned query.</summary>
internal sealed record ParsedSignature(
    bool Presigned,
    string AccessKeyId,
    string ScopeDate,
    string Region,
    string Service,
    IReadOnlyList<string> SignedHeaders,
    string Signature,
    string Timestamp,
    DateTimeOffset RequestTime,
    long? ExpiresSeconds,
    string? SessionToken,
    string? Authorization)
{
    public string Scope => $"{ScopeDate}/{Region}/{Service}/{SigV4Constants.Terminator}";
}

/// <summary>
/// Reads the SigV4 parameters of a request. Returns null for an anonymous request, a
/// <see cref="SigV4Failure"/> for a malformed one.
/// </summary>
internal static class SigV4RequestParser
{
    public static (ParsedSignature? Parsed, SigV4Failure? Failure) Parse(WireRequest request)
    {
        var authorization = request.Headers["Authorization"];
        var query = request.QueryLookup;
        var presigned = query.Contains(SigV4Constants.AlgorithmParameter);

        if (authorization is not null && presigned)
        {
            return (null, new SigV4Failure(SigV4FailureKind.ConflictingAuthentication)
            {
                Detail = "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
                Authorization = authorization,
            });
        }

        if (authorization is not null)
        {
            return ParseHeader(request, authorization);
        }

        if (presigned || query.Contains(SigV4Constants.CredentialParameter) || query.Contains(SigV4Constants.SignatureParameter))
        {
            return ParseQuery(request);
        }

        return (null, null);
    }

    private static (ParsedSignature?, SigV4Failure?) ParseHeader(WireRequest request, string authorization)
    {
        var trimmed = authorization.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        var algorithm = space < 0 ? trimmed : trimmed[..space];
        if (algorithm != SigV4Constants.Algorithm)
        {
            return (null, new SigV4Failure(SigV4FailureKind.UnsupportedAlgorithm)
            {
                Detail = $"Unsupported AWS 'algorithm': '{algorithm}'.",
                Authorization = authorization,
            });
        }

        // The first occurrence of each parameter counts; other parameters are ignored.
        string? credential = null, signature = null, signedHeaders = null;
        foreach (var part in trimmed[(space + 1)..].Split(','))
        {
            var item = part.AsSpan().Trim();
            var eq = item.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var name = item[..eq].Trim();
            ref var slot = ref credential;
            if (name is "Signature")
            {
                slot = ref signature;
            }
            else if (name is "SignedHeaders")
            {
                slot = ref signedHeaders;
            }
            else if (name is not "Credential")
            {
                continue;
            }

            slot ??= item[(eq + 1)..].Trim().ToString();
        }

        if (string.IsNullOrEmpty(credential) || string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(signedHeaders))
        {
            var missing = new[] { ("Credential", credential), ("Signature", signature), ("SignedHeaders", signedHeaders) }
                .Where(p => string.IsNullOrEmpty(p.Item2))
                .Select(p => $"Authorization header requires '{p.Item1}' parameter.");
            return (null, new SigV4Failure(SigV4FailureKind.MalformedAuthorization)
            {
                Detail = $"{string.Join(' ', missing)} Authorization={authorization}",
                Authorization = authorization,
            });
        }

        string timestamp;
        DateTimeOffset requestTime;
        var amzDate = request.Headers[SigV4Constants.AmzDateHeader];
        if (amzDate is not null)
        {
            if (!TryParseTimestamp(amzDate, out requestTime))
            {
                return (null, MissingDate(authorization, presigned: false));
            }

            timestamp = amzDate.Trim();
        }
        else if (request.Headers["Date"] is { } date
            && DateTimeOffset.TryParseExact(date.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out requestTime))
        {
            timestamp = requestTime.UtcDateTime.ToString(SigV4Constants.TimestampFormat, CultureInfo.InvariantCulture);
        }
        else
        {
            return (null, MissingDate(authorization, presigned: false));
        }

        return Complete(
            presigned: false,
            credential: credential!,
            signedHeaders: signedHeaders!,
            signature: signature!,
            timestamp,
            requestTime,
            expires: null,
            sessionToken: request.Headers[SigV4Constants.SecurityTokenHeader],
            authorization);
    }

    private static (ParsedSignature?, SigV4Failure?) ParseQuery(WireRequest request)
    {
        var query = request.QueryLookup;
        string? Get(string name) => query[name].FirstOrDefault();

        var algorithm = Get(SigV4Constants.AlgorithmParameter);
        if (algorithm is not null && algorithm != SigV4Constants.Algorithm)
        {
            return (null, new SigV4Failure(SigV4FailureKind.UnsupportedAlgorithm)
            {
                Presigned = true,
                Detail = $"X-Amz-Algorithm only supports \"{SigV4Constants.Algorithm}\"",
            });
        }

        string[] required =
        [
            SigV4Constants.AlgorithmParameter, SigV4Constants.CredentialParameter, SigV4Constants.SignatureParameter,
            SigV4Constants.DateParameter, SigV4Constants.SignedHeadersParameter, SigV4Constants.ExpiresParameter,
        ];
        if (required.Any(p => string.IsNullOrEmpty(Get(p))))
        {
            return (null, new SigV4Failure(SigV4FailureKind.MalformedPresignedQuery)
            {
                Presigned = true,
                Detail = "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
            });
        }

        var timestamp = Get(SigV4Constants.DateParameter)!;
        if (!TryParseTimestamp(timestamp, out var requestTime))
        {
            return (null, new SigV4Failure(SigV4FailureKind.MalformedPresignedQuery)
            {
                Presigned = true,
                Detail = $"X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"",
            });
        }

        if (!long.TryParse(Get(SigV4Constants.ExpiresParameter), NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return (null, new SigV4Failure(SigV4FailureKind.MalformedPresignedQuery)
            {
                Presigned = true,
                Detail = "X-Amz-Expires should be a number",
            });
        }

        if (expires > SigV4Constants.MaxPresignedExpirySeconds)
        {
            return (null, new SigV4Failure(SigV4FailureKind.PresignedExpiryTooLong)
            {
                Presigned = true,
                ExpiresSeconds = expires,
                Detail = "X-Amz-Expires must be less than a week (in seconds) that is 604800",
            });
        }

        return Complete(
            presigned: true,
            credential: Get(SigV4Constants.CredentialParameter)!,
            signedHeaders: Get(SigV4Constants.SignedHeadersParameter)!,
            signature: Get(SigV4Constants.SignatureParameter)!,
            timestamp,
            requestTime,
            expires,
            sessionToken: Get(SigV4Constants.SecurityTokenParameter) ?? request.Headers[SigV4Constants.SecurityTokenHeader],
            authorization: null);
    }

    private static (ParsedSignature?, SigV4Failure?) Complete(
        bool presigned,
        string credential,
        string signedHeaders,
        string signature,
        string timestamp,
        DateTimeOffset requestTime,
        long? expires,
        string? sessionToken,
        string? authorization)
    {
        var malformed = presigned ? SigV4FailureKind.MalformedPresignedQuery : SigV4FailureKind.MalformedAuthorization;
        var scope = credential.Split('/');
        if (scope.Length != 5 || Array.Exists(scope, s => s.Length == 0))
        {
            return (null, new SigV4Failure(malformed)
            {
                Presigned = presigned,
                Authorization = authorization,
                AccessKeyId = scope.Length > 0 && scope[0].Length > 0 ? scope[0] : null,
                Detail = $"Credential should be scoped to a valid format: '<access key>/YYYYMMDD/<region>/<service>/aws4_request', not '{credential}'.",
            });
        }

        if (scope[4] != SigV4Constants.Terminator)
        {
            return (null, new SigV4Failure(SigV4FailureKind.InvalidCredentialTerminator)
            {
                Presigned = presigned,
                Authorization = authorization,
                AccessKeyId = scope[0],
                Detail = $"Credential should be scoped with a valid terminator: '{SigV4Constants.Terminator}', not '{scope[4]}'.",
            });
        }

        if (scope[1] != timestamp[..8])
        {
            return (null, new SigV4Failure(SigV4FailureKind.CredentialScopeDateMismatch)
            {
                Presigned = presigned,
                Authorization = authorization,
                AccessKeyId = scope[0],
                RequestTime = requestTime,
                Detail = $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scope[1]}' != '{timestamp[..8]}', from '{timestamp}'.",
            });
        }

        var names = signedHeaders.Split(';');
        var headers = new List<string>(names.Length);
        foreach (var name in names)
        {
            headers.Add(name.Trim().ToLowerInvariant());
        }

        if (!headers.Contains("host"))
        {
            return (null, new SigV4Failure(SigV4FailureKind.HostNotSigned)
            {
                Presigned = presigned,
                Authorization = authorization,
                AccessKeyId = scope[0],
                Detail = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
            });
        }

        return (new ParsedSignature(presigned, scope[0], scope[1], scope[2], scope[3], headers, signature, timestamp, requestTime, expires, sessionToken, authorization), null);
    }

    private static SigV4Failure MissingDate(string authorization, bool presigned) => new(SigV4FailureKind.MissingDate)
    {
        Presigned = presigned,
        Authorization = authorization,
        Detail = $"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization={authorization}",
    };

    private static bool TryParseTimestamp(string value, out DateTimeOffset time) =>
        TryParseBasicTimestamp(value.AsSpan().Trim(), out time)
        || DateTimeOffset.TryParseExact(value.Trim(), SigV4Constants.TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    /// <summary>
    /// <c>yyyyMMddTHHmmssZ</c> read digit by digit, as every SDK writes it (the general parser is several times
    /// slower); anything else, valid or not, is left to <see cref="DateTimeOffset.TryParseExact(string, string, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/>.
    /// </summary>
    private static bool TryParseBasicTimestamp(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length != 16 || text[8] != 'T' || text[15] != 'Z')
        {
            return false;
        }

        static int Number(ReadOnlySpan<char> digits)
        {
            var n = 0;
            foreach (var c in digits)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return -1;
                }

                n = (n * 10) + (c - '0');
            }

            return n;
        }

        int year = Number(text[..4]), month = Number(text[4..6]), day = Number(text[6..8]);
        int hour = Number(text[9..11]), minute = Number(text[11..13]), second = Number(text[13..15]);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return false;
        }

        time = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }
}
