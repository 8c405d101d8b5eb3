namespace Mys.Signing.DevPki.Pki;

/// <summary>What a dev PKI certificate is for; the failure kinds exist to exercise the validator.</summary>
public enum DevCertificateKind
{
    RootCa,
    IssuingCa,
    TimeStamping,
    OcspResponder,
    SystemSeal,
    Person,
    Expired,
    NotYetValid,
    Revoked,
    NotQualified,
    WrongKeyUsage,
    UntrustedRoot,
    UntrustedPerson,
    DifferentTckn,
}

/// <summary>Key algorithm of an end-entity certificate.</summary>
public enum DevKeyType
{
    Rsa2048,
    EcP256,
}
