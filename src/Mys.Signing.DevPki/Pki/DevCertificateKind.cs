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

    /// <summary>A company's e-Fatura seal (Mali Mühür): subject serialNumber = VKN, Kamu SM's Mali Mühür policy, no QC statements.</summary>
    FinancialSeal,
}

/// <summary>Key algorithm of an end-entity certificate.</summary>
public enum DevKeyType
{
    Rsa2048,
    EcP256,

    /// <summary>ECDSA P-384, as current Kamu SM Mali Mühür (Sürüm 3) seals.</summary>
    EcP384,
}
