package io.temporarr.gateway.security;

import io.temporarr.gateway.GatewayProperties;
import io.temporarr.gateway.problem.GatewayProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Admits a request to a {@link RequiresCredential} controller only with that controller's
 * credential. Runs before the body is read, so an unauthenticated caller learns nothing about its
 * payload. For a body signature, whose HMAC only the handler can check, the headers are checked
 * here ({@link SignatureHeaderCheck}: format, timestamp window), so a delivery that cannot be
 * authentic is refused without its body being read. Rejections are logged without any header value.
 */
final class CredentialsInterceptor implements HandlerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(CredentialsInterceptor.class);
  private static final String BEARER = "bearer ";

  private final Map<Credential, Secret> secrets = new EnumMap<>(Credential.class);
  private final Supplier<SignatureHeaderCheck> signatureHeaders;

  CredentialsInterceptor(
      GatewayProperties properties, Supplier<SignatureHeaderCheck> signatureHeaders) {
    this.signatureHeaders = signatureHeaders;
    secrets.put(Credential.SEERR, new Secret(properties.seerr().authorization()));
    secrets.put(Credential.QBITTORRENT, new Secret(properties.qbittorrent().token()));
    secrets.put(Credential.OPERATOR, new Secret(properties.operator().token()));
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    RequiresCredential required =
        AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresCredential.class);
    if (required == null) {
      return true;
    }
    Credential credential = required.value();
    SignatureHeaderCheck headerCheck = signatureHeaders.get();
    if (credential.signsBody() && headerCheck != null) {
      headerCheck.check(request);
      return true;
    }
    if (credential.signsBody()
        ? request.getHeader(credential.header()) != null
        : secrets.get(credential).matches(presented(credential, request))) {
      // A body signature is only present here; its handler verifies it before reading anything.
      return true;
    }
    log.warn(
        "Rejected {} {}: missing or wrong {} credential",
        request.getMethod(),
        request.getRequestURI(),
        credential.scheme());
    throw GatewayProblem.unauthorized(
        credential == Credential.OPERATOR ? "Bearer realm=\"temporarr\"" : null);
  }

  private static String presented(Credential credential, HttpServletRequest request) {
    String value = request.getHeader(credential.header());
    if (credential != Credential.OPERATOR || value == null) {
      return value;
    }
    // RFC 9110: the auth scheme is case-insensitive.
    if (value.length() <= BEARER.length()
        || !value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return null;
    }
    return value.substring(BEARER.length()).trim();
  }
}
