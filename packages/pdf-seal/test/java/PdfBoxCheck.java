// An independent checker and second signer, written against PDFBox 2 and BouncyCastle so that
// our PDFs are judged by code that shares nothing with @hall/pdf-seal.
//
//   verify FILE                 -> one JSON object on stdout (see verify())
//   sign IN OUT P12 PASSWORD    -> incremental PAdES signature (ETSI.CAdES.detached,
//                                  signing-certificate-v2); prints {"ms": signing time in the JVM}
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureInterface;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Store;

public class PdfBoxCheck {
  public static void main(String[] args) throws Exception {
    Security.addProvider(new BouncyCastleProvider());
    if (args.length == 2 && args[0].equals("verify")) {
      System.out.println(verify(new File(args[1])));
    } else if (args.length == 5 && args[0].equals("sign")) {
      long started = System.nanoTime();
      sign(new File(args[1]), new File(args[2]), new File(args[3]), args[4].toCharArray());
      long ms = (System.nanoTime() - started) / 1_000_000;
      System.out.println("{\"ms\":" + ms + "}");
    } else {
      System.err.println("usage: verify FILE | sign IN OUT P12 PASSWORD");
      System.exit(2);
    }
  }

  // ---------------------------------------------------------------- verify

  static String verify(File file) throws IOException {
    byte[] pdf = Files.readAllBytes(file.toPath());
    StringBuilder json = new StringBuilder("{\"fileLength\":" + pdf.length + ",\"signatures\":[");
    try (PDDocument doc = PDDocument.load(file)) {
      List<PDSignature> sigs = doc.getSignatureDictionaries();
      for (int i = 0; i < sigs.size(); i++) {
        if (i > 0) json.append(',');
        json.append(verifyOne(sigs.get(i), pdf));
      }
    }
    return json.append("]}").toString();
  }

  static String verifyOne(PDSignature sig, byte[] pdf) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("name", sig.getName());
    out.put("subFilter", sig.getSubFilter());
    int[] br = sig.getByteRange();
    out.put("byteRange", br == null ? null : Arrays.toString(br));
    boolean byteRangeOk = false;
    boolean coversWholeFile = false;
    boolean cmsVerifies = false;
    boolean digestMatches = false;
    boolean hasTimestamp = false;
    boolean timestampVerifies = false;
    String signer = null;
    try {
      if (br == null || br.length != 4) throw new IllegalStateException("ByteRange missing or not 4 numbers");
      long end = (long) br[2] + br[3];
      // the gap must be exactly the <hex> string of /Contents, and the range starts at 0
      byteRangeOk = br[0] == 0 && br[1] > 0 && br[2] > br[1] && end <= pdf.length
          && pdf[br[1]] == '<' && pdf[br[2] - 1] == '>';
      if (!byteRangeOk) problems.add("ByteRange does not start at 0 or the gap is not the Contents string");
      coversWholeFile = end == pdf.length;
      // the signed revision must end at an %%EOF (possibly followed by an end of line)
      String tail = new String(pdf, (int) Math.max(0, end - 8), (int) Math.min(8, end), "ISO-8859-1");
      if (!tail.trim().endsWith("%%EOF")) problems.add("signed range does not end at %%EOF");

      byte[] signed = new byte[br[1] + br[3]];
      System.arraycopy(pdf, br[0], signed, 0, br[1]);
      System.arraycopy(pdf, br[2], signed, br[1], br[3]);
      byte[] contents = sig.getContents(pdf);

      if (COSName.getPDFName("ETSI.RFC3161").getName().equals(sig.getSubFilter())) {
        TimeStampToken tst = new TimeStampToken(new CMSSignedData(contents));
        byte[] imprint = tst.getTimeStampInfo().getMessageImprintDigest();
        String alg = tst.getTimeStampInfo().getMessageImprintAlgOID().getId();
        digestMatches = Arrays.equals(imprint, MessageDigest.getInstance(alg, "BC").digest(signed));
        X509CertificateHolder tsa = signerCert(tst.getCertificates(), tst.getSID());
        tst.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(tsa));
        cmsVerifies = true;
        hasTimestamp = true;
        timestampVerifies = true;
        signer = tsa.getSubject().toString();
      } else {
        CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signed), contents);
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        if (signers.size() != 1) problems.add("CMS has " + signers.size() + " SignerInfos");
        SignerInformation si = signers.iterator().next();
        X509CertificateHolder cert = signerCert(cms.getCertificates(), si.getSID());
        signer = cert.getSubject().toString();
        AttributeTable attrs = si.getSignedAttributes();
        Attribute md = attrs == null ? null : attrs.get(CMSAttributes.messageDigest);
        if (md == null) {
          problems.add("no messageDigest signed attribute");
        } else {
          byte[] want = ASN1OctetString.getInstance(md.getAttrValues().getObjectAt(0)).getOctets();
          String digestOid = si.getDigestAlgOID();
          digestMatches = Arrays.equals(want, MessageDigest.getInstance(digestOid, "BC").digest(signed));
        }
        if (attrs != null && attrs.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2) == null
            && "ETSI.CAdES.detached".equals(sig.getSubFilter())) {
          problems.add("PAdES signature without signing-certificate-v2");
        }
        cmsVerifies = si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(cert));
        AttributeTable unsigned = si.getUnsignedAttributes();
        Attribute ts = unsigned == null ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (ts != null) {
          hasTimestamp = true;
          TimeStampToken tst = new TimeStampToken(new CMSSignedData(ts.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded()));
          byte[] imprint = tst.getTimeStampInfo().getMessageImprintDigest();
          String alg = tst.getTimeStampInfo().getMessageImprintAlgOID().getId();
          boolean imprintOk = Arrays.equals(imprint, MessageDigest.getInstance(alg, "BC").digest(si.getSignature()));
          if (!imprintOk) problems.add("timestamp imprint is not the hash of the signature value");
          X509CertificateHolder tsa = signerCert(tst.getCertificates(), tst.getSID());
          tst.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(tsa));
          timestampVerifies = imprintOk;
          out.put("timestampTime", tst.getTimeStampInfo().getGenTime().toInstant().toString());
        }
      }
    } catch (Exception e) {
      problems.add(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    out.put("signer", signer);
    out.put("byteRangeOk", byteRangeOk);
    out.put("coversWholeFile", coversWholeFile);
    out.put("digestMatches", digestMatches);
    out.put("cmsVerifies", cmsVerifies);
    out.put("hasTimestamp", hasTimestamp);
    out.put("timestampVerifies", timestampVerifies);
    out.put("valid", byteRangeOk && digestMatches && cmsVerifies && problems.isEmpty());
    out.put("problems", problems);
    return toJson(out);
  }

  @SuppressWarnings("unchecked")
  static X509CertificateHolder signerCert(Store<X509CertificateHolder> store, org.bouncycastle.cms.SignerId sid) {
    Collection<X509CertificateHolder> matches = store.getMatches(sid);
    if (matches.isEmpty()) throw new IllegalStateException("signer certificate not in the CMS");
    return matches.iterator().next();
  }

  static String toJson(Map<String, Object> map) {
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, Object> e : map.entrySet()) {
      if (!first) sb.append(',');
      first = false;
      sb.append(quote(e.getKey())).append(':').append(value(e.getValue()));
    }
    return sb.append('}').toString();
  }

  static String value(Object v) {
    if (v == null) return "null";
    if (v instanceof Boolean || v instanceof Number) return v.toString();
    if (v instanceof List) {
      StringBuilder sb = new StringBuilder("[");
      List<?> l = (List<?>) v;
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) sb.append(',');
        sb.append(value(l.get(i)));
      }
      return sb.append(']').toString();
    }
    return quote(v.toString());
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    return sb.append('"').toString();
  }

  // ---------------------------------------------------------------- sign

  static void sign(File in, File out, File p12, char[] password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream is = new FileInputStream(p12)) {
      ks.load(is, password);
    }
    String alias = null;
    for (Enumeration<String> e = ks.aliases(); e.hasMoreElements();) {
      String a = e.nextElement();
      if (ks.isKeyEntry(a)) alias = a;
    }
    if (alias == null) throw new IllegalStateException("no key in " + p12);
    PrivateKey key = (PrivateKey) ks.getKey(alias, password);
    Certificate[] chain = ks.getCertificateChain(alias);
    X509Certificate cert = (X509Certificate) chain[0];

    SignatureInterface cmsSigner = content -> {
      try {
        byte[] data = content.readAllBytes();
        String alg = key.getAlgorithm().equals("EC") || key.getAlgorithm().equals("ECDSA") ? "SHA256withECDSA" : "SHA256withRSA";
        ContentSigner cs = new JcaContentSignerBuilder(alg).setProvider("BC").build(key);
        ESSCertIDv2 certId = new ESSCertIDv2(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        Attribute scv2 = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
            new DERSet(new SigningCertificateV2(new ESSCertIDv2[] { certId })));
        Hashtable<ASN1ObjectIdentifier, Attribute> extra = new Hashtable<>();
        extra.put(scv2.getAttrType(), scv2);
        // PAdES: the claimed signing time is /M in the signature dictionary, not a CMS attribute
        CMSAttributeTableGenerator signedAttrs = new DefaultSignedAttributeTableGenerator(new AttributeTable(extra)) {
          @Override
          public AttributeTable getAttributes(@SuppressWarnings("rawtypes") Map parameters) {
            return super.getAttributes(parameters).remove(CMSAttributes.signingTime);
          }
        };
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
            new JcaDigestCalculatorProviderBuilder().setProvider("BC").build())
            .setSignedAttributeGenerator(signedAttrs)
            .build(cs, cert));
        gen.addCertificates(new JcaCertStore(Arrays.asList(chain)));
        CMSTypedData msg = new CMSProcessableByteArray(data);
        return gen.generate(msg, false).getEncoded("DER");
      } catch (Exception e) {
        throw new IOException(e);
      }
    };

    try (PDDocument doc = PDDocument.load(in); OutputStream os = new FileOutputStream(out)) {
      PDSignature sig = new PDSignature();
      sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      sig.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
      sig.setName(cert.getSubjectX500Principal().getName());
      sig.setReason("PDFBox second signer");
      sig.setSignDate(Calendar.getInstance());
      SignatureOptions options = new SignatureOptions();
      options.setPreferredSignatureSize(16384);
      doc.addSignature(sig, cmsSigner, options);
      doc.saveIncremental(os);
      options.close();
    }
  }
}
