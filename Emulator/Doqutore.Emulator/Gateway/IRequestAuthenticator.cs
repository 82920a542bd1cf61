using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Gateway;

/// <summary>Step 2 of the chain: resolves the caller from the request's SigV4 credentials.</summary>
public interface IRequestAuthenticator
{
    /// <summary>The caller, or an <c>AwsServiceException</c> in the routed protocol's terms.</summary>
    Principal Authenticate(RequestContext context, CredentialScope? scope);
}

/// <summary>Step 4 of the chain (after parsing): decides whether the caller may perform the operation.</summary>
public interface IRequestAuthorizer
{
    /// <summary>Returns when allowed; throws the protocol's access-denied error otherwise.</summary>
    void Authorize(RequestContext context);
}

/// <summary>
/// The last step of the chain: sees every routed call, success or error, after its response is decided
/// (CloudTrail's recorder is one). A recorder that throws is logged and counted, never allowed to change
/// the response.
/// </summary>
public interface ICallRecorder
{
    void Record(RequestContext context);
}
