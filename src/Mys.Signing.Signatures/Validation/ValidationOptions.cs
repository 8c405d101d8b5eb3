namespace Mys.Signing.Signatures.Validation;

/// <summary>Trust anchors and policy switches of the validator.</summary>
public sealed class ValidationOptions
{
    /// <summary>DER certificates of trusted roots (Kamu SM and other ESHS roots; the dev root in demo and tests).</summary>
    public IList<byte[]> TrustAnchors { get; } = [];

    /// <summary>Require both QC statements (0.4.0.1862.1.1 and 2.16.792.1.61.0.1.5070.1.1).</summary>
    public bool RequireQualified { get; set; } = true;

    /// <summary>Require keyUsage nonRepudiation on the signing certificate.</summary>
    public bool RequireNonRepudiation { get; set; } = true;
}
