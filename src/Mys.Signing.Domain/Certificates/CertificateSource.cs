namespace Mys.Signing.Domain.Certificates;

/// <summary>Where a signing certificate was seen for a user.</summary>
public enum CertificateSource
{
    /// <summary>The readiness check (the agent listed it and the user chose it).</summary>
    ReadinessCheck = 1,

    /// <summary>An e-signature login.</summary>
    ESignatureLogin = 2,

    /// <summary>A signature made with it.</summary>
    Signature = 3,
}
