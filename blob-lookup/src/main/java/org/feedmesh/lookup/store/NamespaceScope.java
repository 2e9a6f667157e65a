package org.feedmesh.lookup.store;

import java.util.Set;

/** Which namespaces a query may see: all of them (the admin), or the given ones. */
public record NamespaceScope(boolean all, Set<String> namespaces) {
  private static final NamespaceScope ALL = new NamespaceScope(true, Set.of());

  public NamespaceScope {
    namespaces = Set.copyOf(namespaces);
    if (all && !namespaces.isEmpty()) {
      throw new IllegalArgumentException("a scope over all namespaces lists none");
    }
  }

  public static NamespaceScope everything() {
    return ALL;
  }

  public static NamespaceScope of(Set<String> namespaces) {
    return new NamespaceScope(false, namespaces);
  }

  public boolean includes(String namespace) {
    return all || namespaces.contains(namespace);
  }

  /** True when nothing at all can be seen (no namespace readable). */
  public boolean isEmpty() {
    return !all && namespaces.isEmpty();
  }

  Object[] asArray() {
    return namespaces.toArray();
  }
}
