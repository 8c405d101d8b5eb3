import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;
import org.bouncycastle.util.Store;

/**
 * The warm Apache PDFBox 2 + BouncyCastle side of benchmarks/verify-vs-pdfbox.sh (issue 21). For every signature of
 * a PDF: the digest over the /ByteRange and the signature value (CMS SignerInformation.verify), the RFC 3161
 * signature time-stamp (token signature, ESS certificate reference, imprint over the signature value), the path of the
 * signer's and the TSA's certificates to the trust anchor (each certificate's signature checked), and the revocation
 * status of every non-anchor certificate of the signer's path from the /DSS dictionary (OCSP response with its
 * signature, else CRL with its signature). No modification analysis. The default JCA providers (SunRsaSign, SunEC)
 * verify, BouncyCastle parses.
 *
 * Protocol (one thread): args are the trust anchor and the PDFs (read into memory once); each stdin line "N" verifies
 * file N once and answers "ok NANOS CPU_NANOS SIGNATURES" (wall and this thread's CPU time of that verification, measured
 * here) or "fail REASON".
 */
public final class VerifyHarness {
    private static final COSName DSS = COSName.getPDFName("DSS");
    private static final COSName OCSPS = COSName.getPDFName("OCSPs");
    private static final COSName CRLS = COSName.getPDFName("CRLs");
    private static final COSName CERTS = COSName.getPDFName("Certs");

    private final X509Certificate anchor;
    private final CertificateFactory x509;
    private final JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    private final DigestCalculatorProvider digests;

    private VerifyHarness(X509Certificate anchor) throws Exception {
        this.anchor = anchor;
        this.x509 = CertificateFactory.getInstance("X.509");
        this.digests = new JcaDigestCalculatorProviderBuilder().build();
    }

    public static void main(String[] args) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate anchor;
        try (InputStream in = Files.newInputStream(Paths.get(args[0]))) {
            anchor = (X509Certificate) factory.generateCertificate(in);
        }
        List<byte[]> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            files.add(Files.readAllBytes(Paths.get(args[i])));
        }
        VerifyHarness harness = new VerifyHarness(anchor);
        PrintStream out = new PrintStream(System.out, true, "UTF-8");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        out.println("ready " + files.size());
        String line;
        while ((line = in.readLine()) != null) {
            line = line.trim();
            if (line.isEmpty() || line.equals("quit")) {
                break;
            }
            byte[] pdf = files.get(Integer.parseInt(line));
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            try {
                int signatures = harness.verify(pdf);
                long elapsed = System.nanoTime() - start;
                long cpuElapsed = threads.getCurrentThreadCpuTime() - cpu;
                out.println("ok " + elapsed + " " + cpuElapsed + " " + signatures);
            } catch (Exception ex) {
                out.println("fail " + ex.toString().replace('\n', ' '));
            }
        }
    }

    /** Verifies every signature of the PDF; throws on the first that does not verify. Returns the number verified. */
    int verify(byte[] pdf) throws Exception {
        try (PDDocument document = PDDocument.load(pdf)) {
            Dss dss = readDss(document);
            int count = 0;
            for (PDSignature signature : document.getSignatureDictionaries()) {
                verifySignature(signature, pdf, dss);
                count++;
            }
            if (count == 0) {
                throw new IllegalStateException("no signature");
            }
            return count;
        }
    }

    private void verifySignature(PDSignature signature, byte[] pdf, Dss dss) throws Exception {
        byte[] contents = signature.getContents(pdf);
        byte[] signedContent = signature.getSignedContent(pdf);
        CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signedContent), contents);
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        Store<X509CertificateHolder> store = cms.getCertificates();
        X509CertificateHolder signerHolder = only(store, signer.getSID());
        // Message digest over the byte range and the signature value over the signed attributes.
        if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signerHolder))) {
            throw new IllegalStateException("signature value invalid");
        }

        Date signingTime = verifyTimeStamp(signer, dss);
        X509Certificate signerCert = converter.getCertificate(signerHolder);
        signerCert.checkValidity(signingTime);
        List<X509Certificate> pool = new ArrayList<>(dss.certificates);
        for (X509CertificateHolder holder : store.getMatches(null)) {
            pool.add(converter.getCertificate(holder));
        }
        List<X509Certificate> path = buildPath(signerCert, pool);
        for (int i = 0; i + 1 < path.size(); i++) {
            checkRevocation(path.get(i), path.get(i + 1), dss);
        }
    }

    /** Verifies the signature time-stamp token over the signature value; returns its time. */
    private Date verifyTimeStamp(SignerInformation signer, Dss dss) throws Exception {
        AttributeTable unsigned = signer.getUnsignedAttributes();
        Attribute attribute = unsigned == null ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (attribute == null) {
            throw new IllegalStateException("no signature time-stamp");
        }
        ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
        TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(value));
        X509CertificateHolder tsaHolder = only(token.getCertificates(), token.getSID());
        // ESS certificate reference, TSA certificate validity and extended key usage, signature over the TSTInfo.
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsaHolder));
        String algorithm = token.getTimeStampInfo().getMessageImprintAlgOID().getId();
        byte[] imprint = MessageDigest.getInstance(algorithm).digest(signer.getSignature());
        if (!Arrays.equals(imprint, token.getTimeStampInfo().getMessageImprintDigest())) {
            throw new IllegalStateException("time-stamp imprint mismatch");
        }
        List<X509Certificate> pool = new ArrayList<>(dss.certificates);
        for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
            pool.add(converter.getCertificate(holder));
        }
        buildPath(converter.getCertificate(tsaHolder), pool);
        return token.getTimeStampInfo().getGenTime();
    }

    /** Leaf first, anchor last; every certificate's signature verified with its issuer's key. */
    private List<X509Certificate> buildPath(X509Certificate leaf, List<X509Certificate> pool) throws Exception {
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        X509Certificate current = leaf;
        for (int depth = 0; depth < 8; depth++) {
            if (current.getIssuerX500Principal().equals(anchor.getSubjectX500Principal())) {
                current.verify(anchor.getPublicKey());
                if (!current.equals(anchor)) {
                    path.add(anchor);
                }
                return path;
            }
            X509Certificate issuer = null;
            for (X509Certificate candidate : pool) {
                if (!candidate.equals(current) && candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null || path.contains(issuer)) {
                throw new IllegalStateException("no path to the trust anchor from " + leaf.getSubjectX500Principal());
            }
            current.verify(issuer.getPublicKey());
            path.add(issuer);
            current = issuer;
        }
        throw new IllegalStateException("path too long");
    }

    /** GOOD from a /DSS OCSP response signed by the issuer or its delegated responder, else not revoked on the issuer's /DSS CRL. */
    private void checkRevocation(X509Certificate certificate, X509Certificate issuer, Dss dss) throws Exception {
        CertificateID id = null;
        for (BasicOCSPResp response : dss.ocsp) {
            if (id == null) {
                id = new CertificateID(digests.get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
            }
            for (SingleResp single : response.getResponses()) {
                if (!single.getCertID().equals(id)) {
                    continue;
                }
                X509CertificateHolder[] certs = response.getCerts();
                X509CertificateHolder responder = certs.length > 0 ? certs[0] : new JcaX509CertificateHolder(issuer);
                if (certs.length > 0 && !responder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
                    throw new IllegalStateException("OCSP responder not issued by the CA");
                }
                if (!response.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder))) {
                    throw new IllegalStateException("OCSP response signature invalid");
                }
                if (single.getCertStatus() != CertificateStatus.GOOD) {
                    throw new IllegalStateException("certificate not GOOD: " + certificate.getSubjectX500Principal());
                }
                return;
            }
        }
        for (X509CRL crl : dss.crls) {
            if (crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                crl.verify(issuer.getPublicKey());
                if (crl.isRevoked(certificate)) {
                    throw new IllegalStateException("certificate revoked: " + certificate.getSubjectX500Principal());
                }
                return;
            }
        }
        throw new IllegalStateException("no revocation data in /DSS for " + certificate.getSubjectX500Principal());
    }

    private Dss readDss(PDDocument document) throws Exception {
        Dss dss = new Dss();
        COSBase base = document.getDocumentCatalog().getCOSObject().getDictionaryObject(DSS);
        if (!(base instanceof COSDictionary)) {
            return dss;
        }
        COSDictionary dictionary = (COSDictionary) base;
        for (byte[] bytes : streams(dictionary, CERTS)) {
            dss.certificates.add((X509Certificate) x509.generateCertificate(new ByteArrayInputStream(bytes)));
        }
        for (byte[] bytes : streams(dictionary, OCSPS)) {
            dss.ocsp.add((BasicOCSPResp) new OCSPResp(bytes).getResponseObject());
        }
        for (byte[] bytes : streams(dictionary, CRLS)) {
            dss.crls.add((X509CRL) x509.generateCRL(new ByteArrayInputStream(bytes)));
        }
        return dss;
    }

    private static List<byte[]> streams(COSDictionary dictionary, COSName key) throws Exception {
        List<byte[]> result = new ArrayList<>();
        COSBase value = dictionary.getDictionaryObject(key);
        if (value instanceof COSArray) {
            COSArray array = (COSArray) value;
            for (int i = 0; i < array.size(); i++) {
                COSBase item = array.getObject(i);
                if (item instanceof COSStream) {
                    try (InputStream in = ((COSStream) item).createInputStream()) {
                        result.add(IOUtils.toByteArray(in));
                    }
                }
            }
        }
        return result;
    }

    /** The certificate a signer id names; BouncyCastle's SignerId is a raw Selector, hence the one unchecked cast here. */
    @SuppressWarnings("unchecked")
    private static X509CertificateHolder only(Store<X509CertificateHolder> store, SignerId id) {
        Collection<X509CertificateHolder> matches = store.getMatches((Selector<X509CertificateHolder>) (Selector<?>) id);
        if (matches.isEmpty()) {
            throw new IllegalStateException("certificate not in the CMS");
        }
        return matches.iterator().next();
    }

    private static final class Dss {
        final List<X509Certificate> certificates = new ArrayList<>();
        final List<BasicOCSPResp> ocsp = new ArrayList<>();
        final List<X509CRL> crls = new ArrayList<>();
    }
}
