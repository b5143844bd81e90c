package vn.onestop.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies bearer JWTs with nimbus-jose-jwt: signature by a key of the configured JWK Set URL or
 * key file (RSA or EC algorithms only; unsigned {@code alg: none} tokens and HMAC tokens are
 * refused), {@code iss} equal to the configured issuer, the configured audience among {@code aud},
 * {@code exp} present and in the future and {@code nbf} (if any) passed, within the clock skew, and
 * {@code sub} present. The principal: id = {@code sub}, roles from the roles claim (names of {@link
 * Role}, unknown names ignored), scope from the unit and unit-scope claims ({@code unit}: that
 * unit; {@code subtree}: it and the units below; {@code all}: every unit; no unit claim: no unit).
 */
public final class JwtAuthenticator {
  private static final Set<JWSAlgorithm> ALGORITHMS = algorithms();

  private final JwtSettings settings;
  private final DefaultJWTProcessor<SecurityContext> processor;

  /**
   * @param settings issuer, audience, key source and claim names
   * @throws IllegalArgumentException when the key file cannot be read or parsed, or the URL is bad
   */
  public JwtAuthenticator(JwtSettings settings) {
    this(
        settings,
        settings.jwksUrl() != null
            ? new JWSVerificationKeySelector<>(ALGORITHMS, remote(settings))
            : configured(readKey(settings.publicKey())));
  }

  /**
   * @param settings issuer, audience and claim names (its key source is ignored)
   * @param keys the verification keys
   */
  public JwtAuthenticator(JwtSettings settings, JWKSet keys) {
    this(settings, configured(keys.getKeys()));
  }

  private JwtAuthenticator(JwtSettings settings, JWSKeySelector<SecurityContext> keys) {
    this.settings = settings;
    this.processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(keys);
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            Set.of(settings.audience()),
            new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
            Set.of("sub", "exp"),
            Set.of());
    claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  /**
   * @param token a bearer token
   * @return whether it has the compact JWT form (three dot-separated parts, the first a JOSE
   *     header); other bearer tokens are API keys
   */
  public static boolean looksLikeJwt(String token) {
    int dots = 0;
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) == '.') {
        dots++;
      }
    }
    return dots == 2 && token.startsWith("eyJ");
  }

  /**
   * @param token the compact JWT
   * @return its principal
   * @throws AuthenticationException when the token is malformed, unsigned, badly signed, expired,
   *     not yet valid, of another issuer or audience, without {@code sub} or without a OneStop role
   */
  public Principal verify(String token) throws AuthenticationException {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      throw new AuthenticationException("bearer token is not a valid JWT");
    } catch (BadJWTException e) {
      throw new AuthenticationException("bearer JWT refused: " + e.getMessage());
    } catch (BadJOSEException e) {
      throw new AuthenticationException(
          "bearer JWT refused: "
              + e.getMessage()
              + " (signed tokens of the configured issuer only)");
    } catch (JOSEException e) {
      throw new AuthenticationException("bearer JWT could not be verified: " + e.getMessage());
    }
    Set<Role> roles = roles(claims);
    if (roles.isEmpty()) {
      throw new AuthenticationException(
          "bearer JWT carries no OneStop role in claim '" + settings.rolesClaim() + "'");
    }
    try {
      return new Principal(claims.getSubject(), roles, scope(claims));
    } catch (IllegalArgumentException e) {
      // a sub or unit claim that is not a valid id (markup, look-alike letters, too long)
      throw new AuthenticationException("bearer JWT refused: " + e.getMessage());
    }
  }

  private Set<Role> roles(JWTClaimsSet claims) {
    Object v = claims.getClaim(settings.rolesClaim());
    List<String> names = new ArrayList<>();
    if (v instanceof String s) {
      names.addAll(List.of(s.trim().split("\\s+")));
    } else if (v instanceof List<?> l) {
      l.forEach(o -> names.add(String.valueOf(o)));
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String n : names) {
      try {
        roles.add(Role.valueOf(n.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException ignored) {
        // roles of other applications in the same token
      }
    }
    return roles;
  }

  private Scope scope(JWTClaimsSet claims) throws AuthenticationException {
    String kind;
    String unit;
    try {
      kind = claims.getStringClaim(settings.unitScopeClaim());
      unit = claims.getStringClaim(settings.unitClaim());
    } catch (ParseException e) {
      throw new AuthenticationException(
          "bearer JWT: claims '"
              + settings.unitClaim()
              + "' and '"
              + settings.unitScopeClaim()
              + "' must be strings");
    }
    String k = kind == null ? "unit" : kind.toLowerCase(Locale.ROOT);
    if (k.equals("all")) {
      return Scope.all();
    }
    if (unit == null || unit.isBlank()) {
      return Scope.none();
    }
    return switch (k) {
      case "unit" -> Scope.unit(unit);
      case "subtree" -> Scope.subtree(unit);
      default ->
          throw new AuthenticationException(
              "bearer JWT: claim '" + settings.unitScopeClaim() + "' must be unit, subtree or all");
    };
  }

  private static JWKSource<SecurityContext> remote(JwtSettings s) {
    try {
      return JWKSourceBuilder.create(s.jwksUrl().toURL()).build();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("JWKS URL " + s.jwksUrl() + " is not a valid URL");
    }
  }

  /**
   * Configured keys: a key with a {@code kid} serves only tokens naming it; a key without one (a
   * PEM file) serves every token of its key type. RSA keys verify RS and PS algorithms, EC keys ES.
   */
  private static JWSKeySelector<SecurityContext> configured(List<JWK> keys) {
    return (header, ctx) -> {
      JWSAlgorithm alg = header.getAlgorithm();
      if (!ALGORITHMS.contains(alg)) {
        return List.of();
      }
      boolean rsa = JWSAlgorithm.Family.RSA.contains(alg);
      List<Key> out = new ArrayList<>();
      for (JWK k : keys) {
        if (k.getKeyID() != null && !k.getKeyID().equals(header.getKeyID())) {
          continue;
        }
        try {
          if (rsa && k instanceof RSAKey r) {
            out.add(r.toRSAPublicKey());
          } else if (!rsa && k instanceof ECKey e) {
            out.add(e.toECPublicKey());
          }
        } catch (JOSEException e) {
          // an unusable key selects nothing
        }
      }
      return out;
    };
  }

  private static List<JWK> readKey(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new IllegalArgumentException("JWT public key file " + file + ": cannot read: " + e);
    }
    try {
      if (text.startsWith("-----BEGIN PUBLIC KEY-----")) {
        String b64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(b64));
        PublicKey key;
        try {
          key = KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (java.security.spec.InvalidKeySpecException notRsa) {
          key = KeyFactory.getInstance("EC").generatePublic(spec);
        }
        if (key instanceof RSAPublicKey rsa) {
          return List.of(new RSAKey.Builder(rsa).build());
        }
        ECPublicKey ec = (ECPublicKey) key;
        return List.of(
            new ECKey.Builder(com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams()), ec)
                .build());
      }
      if (text.contains("\"keys\"")) {
        return JWKSet.parse(text).getKeys();
      }
      return List.of(JWK.parse(text));
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "JWT public key file "
              + file
              + ": not a JWK, a JWK Set or a PEM public key ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  private static Set<JWSAlgorithm> algorithms() {
    Set<JWSAlgorithm> s = new HashSet<>();
    s.addAll(JWSAlgorithm.Family.RSA);
    s.addAll(JWSAlgorithm.Family.EC);
    return Set.copyOf(s);
  }
}
