package org.feedmesh.platform.auth;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.process.internal.RequestScoped;

/**
 * Authentication for a Jersey application: registers {@link AuthFilter} and makes the {@link
 * Caller} injectable into resource <em>method parameters</em> with {@code @Context Caller caller}.
 * (Resource instances built in a composition root are singletons; inject {@code @Context
 * SecurityContext} into fields there and use {@link AuthFilter#caller}.)
 *
 * <pre>{@code
 * ResourceConfig app = new ResourceConfig()
 *     .register(new AuthFeature(authenticator))
 *     .register(new FeedResource(journal));
 * }</pre>
 */
public final class AuthFeature implements Feature {
  private final AuthFilter filter;

  public AuthFeature(Authenticator authenticator) {
    this(authenticator, AuthFilter.DEFAULT_OPEN_PATHS);
  }

  /**
   * @param openPaths see {@link AuthFilter#AuthFilter(Authenticator, Set)}
   */
  public AuthFeature(Authenticator authenticator, Set<String> openPaths) {
    this.filter = new AuthFilter(Objects.requireNonNull(authenticator, "authenticator"), openPaths);
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(filter);
    context.register(
        new AbstractBinder() {
          @Override
          protected void configure() {
            bindFactory(CallerSupplier.class).to(Caller.class).in(RequestScoped.class);
          }
        });
    return true;
  }

  /** Supplies the request's caller; a request on an open path has none (403 if asked). */
  static final class CallerSupplier implements Supplier<Caller> {
    private final Provider<ContainerRequestContext> request;

    @Inject
    CallerSupplier(Provider<ContainerRequestContext> request) {
      this.request = request;
    }

    @Override
    public Caller get() {
      return AuthFilter.caller(request.get())
          .orElseThrow(() -> AuthFilter.unauthorizedException("this resource needs a token"));
    }
  }
}
