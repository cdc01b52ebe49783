// Loads a PKCS#12 file the way PDFBox's signing examples do (KeyStore "PKCS12", with the
// JDK provider and with BouncyCastle), signs with its key and verifies with its certificate.
// Usage: java -cp bcprov.jar P12Check.java FILE PASSWORD
import java.io.FileInputStream;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.Collections;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

public class P12Check {
  public static void main(String[] args) throws Exception {
    Security.addProvider(new BouncyCastleProvider());
    char[] password = args[1].toCharArray();
    for (String provider : new String[] {"SUN", "BC"}) {
      KeyStore ks = provider.equals("SUN") ? KeyStore.getInstance("PKCS12") : KeyStore.getInstance("PKCS12", "BC");
      try (FileInputStream in = new FileInputStream(args[0])) {
        ks.load(in, password);
      }
      for (String alias : Collections.list(ks.aliases())) {
        if (!ks.isKeyEntry(alias)) continue;
        PrivateKey key = (PrivateKey) ks.getKey(alias, password);
        Certificate[] chain = ks.getCertificateChain(alias);
        String alg = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        Signature s = Signature.getInstance(alg);
        s.initSign(key);
        s.update("hello".getBytes("UTF-8"));
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(alg);
        v.initVerify(chain[0].getPublicKey());
        v.update("hello".getBytes("UTF-8"));
        System.out.println((v.verify(sig) ? "OK " : "BAD ") + provider + " " + alg + " chain=" + chain.length);
      }
    }
  }
}
