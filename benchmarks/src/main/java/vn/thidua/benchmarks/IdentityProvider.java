package vn.thidua.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A stand-in for the organisation's identity provider, so that the apps sign in with JWTs as in production: an RSA
 * key whose public half the apps are pointed at, and signed tokens carrying the claims the apps read.
 */
final class IdentityProvider implements AutoCloseable {

    private static final String AUDIENCE = "thidua";

    private final RSASSASigner signer;
    private final Path publicKey;

    IdentityProvider() throws GeneralSecurityException, IOException {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").genKeyPair();
        signer = new RSASSASigner((RSAPrivateKey) keys.getPrivate());
        publicKey = Files.createTempFile("thidua-benchmark", ".pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
    }

    /** The apps' settings that make them trust this provider's tokens, issued for thidua. */
    List<String> trustSettings() {
        return List.of("--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey,
                "--thidua.security.jwt-audience=" + AUDIENCE);
    }

    /** A token for two hours; {@code clusterId} and {@code unitId} may be null. */
    String token(String name, String role, String clusterId, String unitId) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(name).audience(AUDIENCE)
                .claim("preferred_username", name)
                .claim("thidua_role", role).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2))));
        if (clusterId != null) {
            claims.claim("thidua_cluster", clusterId);
        }
        if (unitId != null) {
            claims.claim("thidua_unit", unitId);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(publicKey);
    }
}
