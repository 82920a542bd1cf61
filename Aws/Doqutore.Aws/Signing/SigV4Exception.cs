using Doqutore.Aws.Protocols;

namespace Doqutore.Aws.Signing;

/// <summary>An AWS authentication error that also carries the <see cref="SigV4Failure"/> behind it.</summary>
public sealed class SigV4Exception : AwsServiceException
{
    public SigV4Exception(SigV4Failure failure, AwsServiceException error)
        : base(error.Code, error.Message, error.StatusCode, error.SenderFault)
    {
        Failure = failure;
        Details = error.Details;
        Headers = error.Headers;
    }

    public SigV4Exception()
        : this(new SigV4Failure(SigV4FailureKind.SignatureMismatch), AuthErrors.Create(new SigV4Failure(SigV4FailureKind.SignatureMismatch), AuthErrorFamily.Json))
    {
    }

    public SigV4Exception(string message)
        : base(message)
    {
        Failure = new SigV4Failure(SigV4FailureKind.SignatureMismatch) { Detail = message };
    }

    public SigV4Exception(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = new SigV4Failure(SigV4FailureKind.SignatureMismatch) { Detail = message };
    }

    /// <summary>What failed.</summary>
    public SigV4Failure Failure { get; }
}
